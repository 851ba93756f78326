namespace Eyrie.Server.Pipeline;

/// <summary>What the web server features need from the request flow: forward a request along its route, or run a URL of the site for a custom error page.</summary>
public interface IRequestDispatcher
{
    /// <summary>Forwards the request to its route's app or farm.</summary>
    Task ForwardAsync(EdgeRequest request);

    /// <summary>
    /// Answers with the response of <paramref name="url"/> (a GET of the same site) under <paramref name="status"/>,
    /// as IIS's <c>ExecuteURL</c> custom errors do; false if the URL has nothing to run, and nothing was written.
    /// </summary>
    Task<bool> ExecuteUrlAsync(EdgeRequest request, string url, int status);
}
