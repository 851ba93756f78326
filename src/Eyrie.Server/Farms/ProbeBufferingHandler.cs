using System.Text;

namespace Eyrie.Server.Farms;

/// <summary>
/// Reads a health test's response body within the test's own timeout, so that the (synchronous) health
/// policy can match it. Only requests marked by <see cref="FarmProbeRequestFactory"/> are touched; at most
/// <see cref="MaxBodyBytes"/> are read.
/// </summary>
public sealed class ProbeBufferingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Set on a health test's request.</summary>
    public static readonly HttpRequestOptionsKey<bool> IsProbe = new("Eyrie.Probe");

    /// <summary>The start of a health test's response body, set on its request after it was read.</summary>
    public static readonly HttpRequestOptionsKey<string> Body = new("Eyrie.ProbeBody");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Options.TryGetValue(IsProbe, out var probe) && probe)
        {
            var buffer = new byte[MaxBodyBytes];
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using (stream.ConfigureAwait(false))
            {
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
                request.Options.Set(Body, Encoding.UTF8.GetString(buffer, 0, read));
            }
        }

        return response;
    }
}
