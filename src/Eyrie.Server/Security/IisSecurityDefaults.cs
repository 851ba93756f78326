using Eyrie.Configuration.Model;
using Eyrie.Configuration.Model.Security;

namespace Eyrie.Server.Security;

/// <summary>
/// The request filtering every site starts from: IIS's defaults as an IIS server with ASP.NET installed has
/// them (applicationHost.config), the usual host of .NET apps. A site's <c>clear</c> drops these lists.
/// </summary>
public static class IisSecurityDefaults
{
    private static readonly string[] HiddenSegments =
        ["web.config", "bin", "App_code", "App_GlobalResources", "App_LocalResources", "App_WebReferences", "App_Data", "App_Browsers"];

    private static readonly string[] DeniedExtensions =
    [
        ".asax", ".ascx", ".master", ".skin", ".browser", ".sitemap", ".config", ".cs", ".csproj", ".vb", ".vbproj",
        ".webinfo", ".licx", ".resx", ".resources", ".mdb", ".vjsproj", ".java", ".jsl", ".ldb", ".dsdgm", ".ssdgm",
        ".lsad", ".ssmap", ".cd", ".dsprototype", ".lsaprototype", ".sdm", ".sdmDocument", ".mdf", ".ldf", ".ad",
        ".dd", ".ldd", ".sd", ".adprototype", ".lddprototype", ".exclude", ".refresh", ".compiled", ".msgx",
        ".vsdisco", ".rules",
    ];

    public static RequestFilteringConfig RequestFiltering { get; } = new()
    {
        AllowDoubleEscaping = false,
        AllowHighBitCharacters = true,
        UnescapeQueryString = true,
        RemoveServerHeader = false,
        FileExtensions = new AllowListConfig<FileExtensionRule>
        {
            AllowUnlisted = true,
            Add = ConfigList.From(DeniedExtensions.Select(e => new FileExtensionRule { FileExtension = e, Allowed = false })),
        },
        Verbs = new AllowListConfig<VerbRule> { AllowUnlisted = true },
        HiddenSegments = new ConfigCollection<SegmentEntry> { Add = ConfigList.From(HiddenSegments.Select(s => new SegmentEntry { Segment = s })) },
        RequestLimits = new RequestLimitsConfig
        {
            MaxAllowedContentLength = RequestLimitsConfig.DefaultMaxAllowedContentLength,
            MaxUrl = RequestLimitsConfig.DefaultMaxUrl,
            MaxQueryString = RequestLimitsConfig.DefaultMaxQueryString,
        },
    };
}
