using System.Net.Http.Json;
using System.Text.Json;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>Reads the test backend's /requests: every request it received, with the body bytes it read.</summary>
internal static class BackendRequestLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="client">A client whose base address is Eyrie's, or any client if <paramref name="baseAddress"/> is given.</param>
    public static async Task<IReadOnlyList<BackendRequest>> ReadAsync(HttpClient client, Uri? baseAddress = null)
    {
        var entries = await client.GetFromJsonAsync<BackendRequest[]>(baseAddress is null ? new Uri("/requests", UriKind.Relative) : new Uri(baseAddress, "/requests"), Json, TestContext.Current.CancellationToken);
        return entries ?? [];
    }
}
