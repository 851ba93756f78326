using System.Net.Sockets;
using System.Text.Json;
using Eyrie.Configuration.Binding;
using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Json;
using Eyrie.Configuration.Model;
using Eyrie.Configuration.Paths;

namespace Eyrie.Admin;

/// <summary>
/// Talks to a running Eyrie's admin API over its Unix socket: the socket of the Eyrie that runs a given
/// eyrie.json (its admin.socket, or the path derived from the file's full path).
/// </summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;

    private AdminClient(string socketPath)
    {
        SocketPath = socketPath;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = new Uri("http://eyrie"),
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string SocketPath { get; }

    /// <summary>The client for the Eyrie running <paramref name="configFile"/>; null (with the reason) if none answers.</summary>
    public static AdminClient? ForConfig(FileInfo configFile, out string notRunning)
    {
        ArgumentNullException.ThrowIfNull(configFile);
        var admin = ReadAdminSettings(configFile.FullName);
        var path = AdminSocketPath.Resolve(admin, configFile.FullName, configFile.DirectoryName ?? ".");
        if (!File.Exists(path) && admin?.Socket is null && AdminSocketPath.FindInServiceFolders(path) is { } service)
        {
            // Eyrie runs as a systemd service: its socket is in the service's runtime folder, not in ours.
            path = service;
        }

        if (!File.Exists(path))
        {
            notRunning = $"Eyrie is not running for {configFile.FullName} (no admin socket at {path})";
            return null;
        }

        notRunning = "";
        return new AdminClient(path);
    }

    public Task<HttpResponseMessage> PostAsync(string path, CancellationToken cancellationToken) =>
        _http.PostAsync(path, content: null, cancellationToken);

    public Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken) =>
        _http.GetAsync(path, cancellationToken);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead) =>
        _http.SendAsync(request, completion, cancellationToken);

    /// <summary>The admin settings of eyrie.json (read leniently), for commands that need more than the socket.</summary>
    public static AdminConfig? AdminSettings(FileInfo configFile)
    {
        ArgumentNullException.ThrowIfNull(configFile);
        return ReadAdminSettings(configFile.FullName);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
            // Not the API's JSON (an older Eyrie, a proxy): say what came back.
            var problem = new Dictionary<string, object?> { ["title"] = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", ["detail"] = text.Length > 0 ? text : null };
            return JsonSerializer.SerializeToElement(problem, Json);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Reads only the admin settings of eyrie.json, leniently: the file may be invalid (which is what a reload
    /// will then report), and the socket must still be found.
    /// </summary>
    private static AdminConfig? ReadAdminSettings(string file)
    {
        try
        {
            var diagnostics = new DiagnosticBag();
            var root = JsonSourceParser.Parse(File.ReadAllBytes(file), file, diagnostics);
            return root is null ? null : new ConfigBinder(diagnostics, new ConfigSourceMap()).BindRoot<EyrieConfig>(root)?.Admin;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
