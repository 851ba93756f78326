using System.Net;
using Eyrie.Configuration.Http;
using Eyrie.Server.Farms;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Tests.Farms;

public sealed class HealthTestPolicyTests
{
    private static readonly FarmSettings Settings = new("farm", StatusCodeRanges.Parse("200-299"), "healthy", 1, 3, true);

    [Fact]
    public void AnExpectedStatus_WithTheExpectedText_Passes()
    {
        Assert.Null(HealthTestPolicy.Evaluate(Result(HttpStatusCode.OK, "all healthy here"), Settings));
    }

    [Fact]
    public void AnUnexpectedStatus_Fails_AndSaysWhich()
    {
        Assert.Equal("status 302 is not an expected one", HealthTestPolicy.Evaluate(Result(HttpStatusCode.Found, "healthy"), Settings));
    }

    [Fact]
    public void ABodyWithoutTheText_Fails()
    {
        Assert.Equal("the response does not contain 'healthy'", HealthTestPolicy.Evaluate(Result(HttpStatusCode.OK, "degraded"), Settings));
    }

    [Fact]
    public void NoResponse_Fails_WithTheConnectionError()
    {
        var result = new DestinationProbingResult(new DestinationState("a"), null, new HttpRequestException("Connection refused"));

        Assert.Equal("Connection refused", HealthTestPolicy.Evaluate(result, Settings));
    }

    private static DestinationProbingResult Result(HttpStatusCode status, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://a/health");
        request.Options.Set(ProbeBufferingHandler.Body, body);
        return new DestinationProbingResult(new DestinationState("a"), new HttpResponseMessage(status) { RequestMessage = request }, null);
    }
}
