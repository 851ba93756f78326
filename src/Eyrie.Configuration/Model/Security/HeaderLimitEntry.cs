using System.ComponentModel;

namespace Eyrie.Configuration.Model.Security;

/// <summary>IIS's <c>requestLimits/headerLimits/add</c>.</summary>
public sealed record HeaderLimitEntry : IKeyedEntry
{
    string IKeyedEntry.Key => Header;

    [Description("The request header.")]
    public required string Header { get; init; }

    [Description("Its largest allowed size in bytes; 0 forbids the header. Larger: 431.")]
    public required uint SizeLimit { get; init; }
}
