using System.Net;
using System.Text;
using Eyrie.Server.Errors;
using Microsoft.AspNetCore.Http;

namespace Eyrie.Server.Tests.Errors;

public sealed class DenialPagesTests
{
    [Theory]
    [InlineData("127.0.0.1", "HTTP Error 404.7 - Not Found")]
    [InlineData("::ffff:127.0.0.2", "HTTP Error 404.7 - Not Found")]
    [InlineData("::1", "HTTP Error 404.7 - Not Found")]
    [InlineData("192.0.2.1", "404 - Not Found")]
    [InlineData("::ffff:192.0.2.1", "404 - Not Found")]
    public async Task SubStatus_IsShownToLocalClientsOnly(string client, string title)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        var body = new MemoryStream();
        context.Response.Body = body;

        await DenialPages.WriteAsync(context, StatusCodes.Status404NotFound, 7);

        var page = Encoding.UTF8.GetString(body.ToArray());
        Assert.Equal(404, context.Response.StatusCode);
        Assert.Contains($"<h1>{title}</h1>", page, StringComparison.Ordinal);
        Assert.Equal(title.Contains(".7", StringComparison.Ordinal), page.Contains("fileExtensions", StringComparison.Ordinal));
    }
}
