using System.Net.WebSockets;
using System.Text;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>Bodies stream both ways without buffering; WebSockets pass through.</summary>
public sealed class StreamingTests(ITestOutputHelper output)
{
    private const long OneGiB = 1L << 30;

    // Eyrie's resident memory may grow with its runtime and connection buffers, never with body sizes.
    private const long MemoryCeiling = 200L << 20;

    [Fact]
    public async Task OneGiBUploadAndDownload_PassThrough_WithFlatMemory()
    {
        using var app = TestApp.TestBackend();
        using var dir = new TempDirectory("stream");
        var config = dir.Write("eyrie.json", ConfigFiles.SingleApplicationWithoutBodyLimit(app.Path));
        await using var eyrie = EyrieProcess.Start(output, "serve", "--config", config);
        var port = await eyrie.WaitForListeningAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
        var cancellationToken = TestContext.Current.CancellationToken;

        using var upload = await client.PostAsync("/upload", new PatternContent(OneGiB), cancellationToken);
        Assert.Equal(OneGiB.ToString(System.Globalization.CultureInfo.InvariantCulture), await upload.Content.ReadAsStringAsync(cancellationToken));

        using var chunkedUpload = await client.PostAsync("/upload", new PatternContent(OneGiB / 4, chunked: true), cancellationToken);
        Assert.Equal((OneGiB / 4).ToString(System.Globalization.CultureInfo.InvariantCulture), await chunkedUpload.Content.ReadAsStringAsync(cancellationToken));

        using var download = await client.GetAsync($"/download/{OneGiB}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await download.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[256 * 1024];
        long received = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            received += read;
        }

        Assert.Equal(OneGiB, received);
        var peak = ProcessInfo.PeakResidentBytes(eyrie.ProcessId);
        output.WriteLine($"eyrie peak RSS after 2.25 GiB through it: {peak >> 20} MiB");
        Assert.True(peak < MemoryCeiling, $"Eyrie's peak RSS was {peak >> 20} MiB");
    }

    [Fact]
    public async Task WebSocket_IsForwardedBothWays()
    {
        using var app = TestApp.TestBackend();
        await using var eyrie = await EyrieTestHost.StartAsync(EyrieTestHost.SingleApplication(app.Path, "/chat"), output);
        using var socket = new ClientWebSocket();
        var cancellationToken = TestContext.Current.CancellationToken;

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{eyrie.Port}/chat/ws"), cancellationToken);
        foreach (var text in new[] { "hello", new string('w', 100_000) })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
            var received = new MemoryStream();
            var buffer = new byte[16384];
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, cancellationToken);
                received.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            Assert.Equal(text, Encoding.UTF8.GetString(received.ToArray()));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }
}
