using System.Net.Http.Json;
using System.Text.Json;

namespace Eyrie.FunctionalTests.Infrastructure;

internal static class HttpExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Calls the test backend's /echo and returns what it saw.</summary>
    public static async Task<Echo> EchoAsync(this HttpClient client, string path = "/echo", HttpRequestMessage? request = null)
    {
        using var message = request ?? new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await client.SendAsync(message, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Echo>(Json, TestContext.Current.CancellationToken))!;
    }

    public static async Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(this HttpClient client, string path, bool dispose)
    {
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (dispose)
        {
            response.Dispose();
        }

        return ((int)response.StatusCode, body, response);
    }

    public static async Task<(int Status, string Body)> GetTextAsync(this HttpClient client, string path)
    {
        var (status, body, _) = await client.GetAsync(path, dispose: true);
        return (status, body);
    }
}

/// <summary>What the test backend's /echo reports.</summary>
internal sealed record Echo(
    string Method,
    string PathBase,
    string Path,
    string QueryString,
    string Host,
    string Scheme,
    string RemoteIp,
    Dictionary<string, string> Headers,
    long BodyLength,
    int ProcessId,
    string Version);
