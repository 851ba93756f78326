using System.Globalization;
using System.Text.RegularExpressions;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>What came back on a raw connection: the bytes as text, and whether the server closed it.</summary>
internal sealed partial record RawExchange(string Response, bool Closed)
{
    /// <summary>The status code of every response on the connection, in order.</summary>
    public IReadOnlyList<int> Statuses => [.. StatusLine().Matches(Response).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"(?m)^HTTP/1\.[01] (\d{3}) ")]
    private static partial Regex StatusLine();
}
