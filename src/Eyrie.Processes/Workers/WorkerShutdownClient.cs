using System.Net;

namespace Eyrie.Processes.Workers;

/// <summary>
/// Sends ANCM's graceful-shutdown message (iis-ancm.md §2.9): <c>POST {APPL_PATH}/iisintegration</c> with
/// <c>MS-ASPNETCORE-EVENT: shutdown</c> and the worker's token. The app's IIS integration answers 202 and
/// stops itself.
/// </summary>
public sealed class WorkerShutdownClient(HttpMessageInvoker invoker)
{
    public const string EventHeader = "MS-ASPNETCORE-EVENT";
    public const string TokenHeader = "MS-ASPNETCORE-TOKEN";

    private readonly HttpMessageInvoker _invoker = invoker;

    /// <summary>Returns the status code the worker answered, or null if it could not be reached in time.</summary>
    public async Task<HttpStatusCode?> SendAsync(int port, string virtualPath, string token, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(virtualPath);
        var path = virtualPath == "/" ? "/iisintegration" : virtualPath + "/iisintegration";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{port}{path}"));
        request.Headers.Add(EventHeader, "shutdown");
        request.Headers.Add(TokenHeader, token);
        request.Content = new ByteArrayContent([]);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            using var response = await _invoker.SendAsync(request, cancellation.Token);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The HTTP handler for shutdown messages: no proxy, no pooling surprises, short connect.</summary>
    public static HttpMessageInvoker CreateInvoker() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.Zero,
    });

    internal static string Describe(HttpStatusCode? status) =>
        status is null ? "no answer" : $"HTTP {(int)status}" + (status == HttpStatusCode.Accepted ? "" : " (expected 202)");

    internal static bool IsAccepted(HttpStatusCode? status) => status == HttpStatusCode.Accepted;
}
