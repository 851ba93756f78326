using Eyrie.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Eyrie.Server.Tests.Security;

public sealed class HeaderPolicyTests
{
    private static DefaultHttpContext Request(string protocol, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Protocol = protocol;
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/";
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        return context;
    }

    [Theory]
    [InlineData("HTTP/1.1", "Content-Length", "12", true)]
    [InlineData("HTTP/1.1", "Content-Length", "+12", false)]
    [InlineData("HTTP/1.1", "Transfer-Encoding", "chunked", true)]
    [InlineData("HTTP/1.1", "Transfer-Encoding", "Chunked ", true)]
    [InlineData("HTTP/1.1", "Transfer-Encoding", "gzip, chunked", false)]
    [InlineData("HTTP/1.0", "Transfer-Encoding", "chunked", false)]
    [InlineData("HTTP/2", "Transfer-Encoding", "chunked", false)]
    [InlineData("HTTP/2", "Connection", "keep-alive", false)]
    [InlineData("HTTP/2", "Upgrade", "websocket", false)]
    [InlineData("HTTP/2", "TE", "trailers", true)]
    [InlineData("HTTP/2", "TE", "gzip", false)]
    [InlineData("HTTP/1.1", "TE", "gzip", true)]
    [InlineData("HTTP/1.1", "Bad Name", "x", false)]
    [InlineData("HTTP/1.1", "X", "tab\tis fine", true)]
    [InlineData("HTTP/1.1", "X", "bell\u0007", false)]
    [InlineData("HTTP/1.1", "X", "del\u007F", false)]
    public void Check(string protocol, string name, string value, bool acceptable) =>
        Assert.Equal(acceptable, HeaderPolicy.Check(Request(protocol, (name, value)).Request) is null);

    [Fact]
    public void RepeatedTransferEncoding_IsRefused() =>
        Assert.NotNull(HeaderPolicy.Check(Request("HTTP/1.1", ("Transfer-Encoding", "chunked"), ("Transfer-Encoding", "chunked")).Request));

    [Theory]
    [InlineData("/a b")]
    [InlineData("/a\u0001")]
    [InlineData("/a\r\nX: y")]
    public void RequestTarget_WithSpaceOrControl_IsRefused(string target)
    {
        var context = Request("HTTP/2");
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = target;

        Assert.NotNull(HeaderPolicy.Check(context.Request));
    }
}
