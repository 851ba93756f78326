using Eyrie.Server.Listeners;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http.Features;

namespace Eyrie.Server.Pipeline;

/// <summary>
/// What Kestrel runs for each request on one listener. It reuses one <see cref="EdgeRequest"/> per
/// connection (as ASP.NET Core's hosting layer reuses its context) and hands the request to the shared
/// <see cref="RequestHandler"/> with the listener it arrived on.
/// </summary>
internal sealed class EdgeApplication(ListenerEndpoint endpoint, RequestHandler handler, RequestCompletion completion) : IHttpApplication<EdgeRequest>
{
    public EdgeRequest CreateContext(IFeatureCollection contextFeatures)
    {
        if (contextFeatures is IHostContextContainer<EdgeRequest> container)
        {
            if (container.HostContext is { } pooled)
            {
                pooled.Reuse(contextFeatures);
                completion.Start(pooled);
                return pooled;
            }

            var created = new EdgeRequest(contextFeatures);
            container.HostContext = created;
            completion.Start(created);
            return created;
        }

        var request = new EdgeRequest(contextFeatures);
        completion.Start(request);
        return request;
    }

    public Task ProcessRequestAsync(EdgeRequest context) => handler.HandleAsync(context, endpoint);

    public void DisposeContext(EdgeRequest context, Exception? exception)
    {
        completion.Complete(context);
        context.Reset();
    }
}
