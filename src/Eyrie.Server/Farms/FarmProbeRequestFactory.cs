using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Farms;

/// <summary>Builds ARR-style health tests: GET the test path on each server, marked for <see cref="ProbeBufferingHandler"/>.</summary>
public sealed class FarmProbeRequestFactory : IProbingRequestFactory
{
    private const string UserAgent = "Eyrie (health test)";

    public HttpRequestMessage CreateRequest(ClusterModel cluster, DestinationModel destination)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(destination);
        var active = cluster.Config.HealthCheck?.Active;
        var address = string.IsNullOrEmpty(destination.Config.Health) ? destination.Config.Address : destination.Config.Health;
        UriHelper.FromAbsolute(address, out var scheme, out var host, out var pathBase, out _, out _);
        var uri = UriHelper.BuildAbsolute(scheme, host, pathBase, active?.Path, QueryString.FromUriComponent(active?.Query ?? ""));
        var request = new HttpRequestMessage(HttpMethod.Get, uri)
        {
            Version = cluster.Config.HttpRequest?.Version ?? HttpVersion.Version11,
            VersionPolicy = cluster.Config.HttpRequest?.VersionPolicy ?? HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Options.Set(ProbeBufferingHandler.IsProbe, true);
        return request;
    }
}
