using Eyrie.Configuration.WebConfig.Sections;
using Eyrie.Server.Errors;

namespace Eyrie.Server.WebServer;

/// <summary>
/// IIS's <c>httpErrors</c>, compiled: which answers get a custom page, and which page. Exact status and
/// sub-status first, then the status with any sub-status, then <c>defaultPath</c>.
/// </summary>
public sealed class CustomErrorPages(HttpErrorMode mode, ExistingResponseMode existingResponse, IReadOnlyDictionary<(int Status, int SubStatus), CustomErrorPage> pages, CustomErrorPage? defaultPage)
{
    public HttpErrorMode Mode { get; } = mode;

    public ExistingResponseMode ExistingResponse { get; } = existingResponse;

    /// <summary>The page for an error answer, or null to keep the answer as it is.</summary>
    /// <param name="localClient">The client is on this machine (errorMode DetailedLocalOnly shows it the detailed answer).</param>
    /// <param name="origin">Who produced the answer; the app's own error responses count as <see cref="ErrorOrigin.Module"/>.</param>
    public CustomErrorPage? Find(int status, int subStatus, bool localClient, ErrorOrigin origin)
    {
        if (status < 400 || origin == ErrorOrigin.Fixed || Mode == HttpErrorMode.Detailed || (Mode == HttpErrorMode.DetailedLocalOnly && localClient))
        {
            return null;
        }

        if (origin == ErrorOrigin.Module && ExistingResponse != ExistingResponseMode.Replace)
        {
            return null;
        }

        return pages.GetValueOrDefault((status, subStatus)) ?? pages.GetValueOrDefault((status, -1)) ?? defaultPage;
    }
}
