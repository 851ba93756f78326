using Microsoft.AspNetCore.Http.Features;

namespace Eyrie.Server.Pipeline;

/// <summary>Says a request has no body: set for the GET an <c>ExecuteURL</c> custom error page runs in place of the original request.</summary>
internal sealed class NoRequestBody : IHttpRequestBodyDetectionFeature
{
    public static NoRequestBody Instance { get; } = new();

    public bool CanHaveBody => false;
}
