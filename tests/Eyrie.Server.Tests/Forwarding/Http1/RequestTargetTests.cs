using Eyrie.Server.Forwarding.Http1;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Tests.Forwarding.Http1;

public sealed class RequestTargetTests
{
    [Theory]
    [InlineData("/", "")]
    [InlineData("/plain/path.html", "?a=1&b=%20")]
    [InlineData("/with space/and+plus", "")]
    [InlineData("/caf\u00e9/\u65e5\u672c", "?q=\u00e9")]
    [InlineData("/percent%2Fkept%25", "")]
    [InlineData("/emoji/\U0001F600", "")]
    [InlineData("/reserved/!$&'()*,;=:@~", "")]
    [InlineData("/quote\"and<angle>{brace}|pipe^`", "")]
    [InlineData("/q", "?a=%zz&b=%4")]
    [InlineData("/q", "?<script>&x=\"y\"&z={}")]
    [InlineData("/q", "?path=/a/b?c")]
    public void Target_IsTheSameAsYarps(string path, string query)
    {
        var pathString = new PathString(path);
        var queryString = query.Length == 0 ? QueryString.Empty : new QueryString(query);

        var expected = RequestUtilities.MakeDestinationAddress("http://127.0.0.1:5000/", pathString, queryString).PathAndQuery;

        Assert.Equal(expected, RequestTarget.Of(pathString, queryString));
    }

    [Fact]
    public void EmptyPath_IsTheRoot()
    {
        Assert.Equal("/", RequestTarget.Of(PathString.Empty, QueryString.Empty));
    }
}
