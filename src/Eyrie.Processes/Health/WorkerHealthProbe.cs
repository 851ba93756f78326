using System.Net.Http.Headers;
using Eyrie.Processes.Workers;

namespace Eyrie.Processes.Health;

/// <summary>
/// Asks a worker for its health-check URL, as a request through Eyrie would reach it: on 127.0.0.1 at its
/// port, below its path base, with its pairing token (the app refuses requests without it).
/// </summary>
public sealed class WorkerHealthProbe(HttpMessageInvoker invoker)
{
    private const int MaxBodyRead = 64 * 1024;

    public async Task<HealthCheckResult> CheckAsync(Worker worker, WorkerHealthCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(check);
        var path = (worker.VirtualPath == "/" ? "" : worker.VirtualPath) + check.Url;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(worker.DestinationPrefix.TrimEnd('/') + path));
        request.Headers.Host = "localhost";
        request.Headers.Add(WorkerShutdownClient.TokenHeader, worker.Token);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Eyrie-HealthCheck", "1"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(check.Timeout);
        try
        {
            using var response = await invoker.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            if (!check.Statuses.Contains(status))
            {
                return new HealthCheckResult(false, $"{check.Url} answered {status}");
            }

            if (check.ResponseMatch is { } match)
            {
                var body = await ReadStartAsync(response.Content, timeout.Token);
                if (!body.Contains(match, StringComparison.Ordinal))
                {
                    return new HealthCheckResult(false, $"{check.Url} answered {status} without '{match}' in its body");
                }
            }

            return new HealthCheckResult(true, $"{check.Url} answered {status}");
        }
        catch (HttpRequestException ex)
        {
            return new HealthCheckResult(false, $"{check.Url}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(false, $"{check.Url} did not answer within {check.Timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>The health probes' HTTP handler: no proxy, no redirects, short connect.</summary>
    public static HttpMessageInvoker CreateInvoker() => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    });

    private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // A health page is small; read at most 64 KiB of it.
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyRead];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
