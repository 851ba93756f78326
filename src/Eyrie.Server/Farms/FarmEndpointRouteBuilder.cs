using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Eyrie.Server.Farms;

/// <summary>
/// A private endpoint route builder on which YARP's <c>MapReverseProxy</c> builds its proxy pipeline and its
/// endpoints. The edge routes requests itself, so these endpoints are invoked directly, never matched by
/// ASP.NET Core routing.
/// </summary>
internal sealed class FarmEndpointRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider => services;

    public ICollection<EndpointDataSource> DataSources { get; } = [];

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
}
