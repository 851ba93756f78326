using Eyrie.Configuration.Diagnostics;

namespace Eyrie.Configuration.WebConfig.Sections;

/// <summary>One <c>httpErrors/error</c> entry: the custom page of a status (and sub-status; −1 = any).</summary>
public sealed record HttpErrorEntry(int StatusCode, int SubStatusCode, string Path, ErrorResponseMode? ResponseMode, SourceLocation Origin)
{
    /// <summary>The collection key IIS uses: status and sub-status.</summary>
    public string Key => Keyed(StatusCode, SubStatusCode);

    public static string Keyed(int statusCode, int subStatusCode) => FormattableString.Invariant($"{statusCode}.{subStatusCode}");
}
