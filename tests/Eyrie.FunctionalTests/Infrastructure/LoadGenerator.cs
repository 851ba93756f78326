using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>
/// Traffic of the kinds a recycle must not break, from in-test clients: short requests, long requests
/// (1 s on the backend) and WebSocket sessions that exchange messages. Every failure is recorded with
/// what it was; short requests record which worker (pid) answered.
/// </summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private long _completed;
    private long _longCompleted;
    private long _webSocketSessions;

    private LoadGenerator(Uri baseAddress, string path, int shortClients, int longClients, int webSocketClients)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var tasks = new List<Task>();
        tasks.AddRange(Enumerable.Range(0, shortClients).Select(_ => Task.Run(() => LoopAsync(client, path, counted: () => Interlocked.Increment(ref _completed)))));
        tasks.AddRange(Enumerable.Range(0, longClients).Select(_ => Task.Run(() => LoopAsync(client, "/delay/1000", counted: () => Interlocked.Increment(ref _longCompleted)))));
        var ws = new Uri(new UriBuilder(baseAddress) { Scheme = "ws" }.Uri, "/ws");
        tasks.AddRange(Enumerable.Range(0, webSocketClients).Select(_ => Task.Run(() => WebSocketLoopAsync(ws))));
        _running = Task.WhenAll(tasks).ContinueWith(_ => client.Dispose(), TaskScheduler.Default);
    }

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Bodies of the short requests' answers and how many times each came (the pid, for /pid).</summary>
    public ConcurrentDictionary<string, int> Answers { get; } = new();

    public long Completed => Interlocked.Read(ref _completed);

    public long LongCompleted => Interlocked.Read(ref _longCompleted);

    public long WebSocketSessions => Interlocked.Read(ref _webSocketSessions);

    public static LoadGenerator Start(Uri baseAddress, string path = "/pid", int shortClients = 3, int longClients = 2, int webSocketClients = 2) =>
        new(baseAddress, path, shortClients, longClients, webSocketClients);

    /// <summary>Stops sending and waits for what is in flight to finish.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(HttpClient client, string path, Action counted)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(path, CancellationToken.None);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (!response.IsSuccessStatusCode)
                {
                    Failures.Enqueue($"GET {path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                    continue;
                }

                Answers.AddOrUpdate(body, 1, (_, n) => n + 1);
                counted();
            }
            catch (HttpRequestException ex)
            {
                Failures.Enqueue($"GET {path}: {ex.Message}");
            }
        }
    }

    /// <summary>Sessions of five echoed messages, then a clean close, one after another.</summary>
    private async Task WebSocketLoopAsync(Uri uri)
    {
        var buffer = new byte[256];
        while (!_stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(uri, CancellationToken.None);
                for (var i = 0; i < 5; i++)
                {
                    var text = "message " + i;
                    await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
                    var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (Encoding.UTF8.GetString(buffer, 0, received.Count) != text)
                    {
                        Failures.Enqueue($"WebSocket: sent '{text}', got '{Encoding.UTF8.GetString(buffer, 0, received.Count)}'");
                    }
                }

                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
                Interlocked.Increment(ref _webSocketSessions);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException)
            {
                Failures.Enqueue("WebSocket: " + ex.Message);
            }
        }
    }
}
