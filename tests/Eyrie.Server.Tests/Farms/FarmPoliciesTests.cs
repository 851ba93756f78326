using System.Net;
using Eyrie.Server.Farms;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Eyrie.Server.Tests.Farms;

public sealed class FarmPoliciesTests
{
    [Fact]
    public void WeightedRoundRobin_FollowsTheWeights_Interleaved()
    {
        var policy = new WeightedRoundRobinPolicy();
        var cluster = new ClusterState("farm");
        DestinationState[] servers = [Server("a", 5), Server("b", 1), Server("c", 1)];

        var picks = string.Concat(Enumerable.Range(0, 14).Select(_ => policy.PickDestination(new DefaultHttpContext(), cluster, servers)!.DestinationId));

        // nginx's smooth weighted round robin: a a b a c a a, twice.
        Assert.Equal("aabacaaaabacaa", picks);
    }

    [Fact]
    public void WeightedRoundRobin_SkipsAServerThatLeftRotation_AndTakesItBackWhenItReturns()
    {
        var policy = new WeightedRoundRobinPolicy();
        var cluster = new ClusterState("farm");
        var a = Server("a", 100);
        var b = Server("b", 100);
        string Picks(DestinationState[] available, int count) =>
            string.Concat(Enumerable.Range(0, count).Select(_ => policy.PickDestination(new DefaultHttpContext(), cluster, available)!.DestinationId));

        Assert.Equal("abab", Picks([a, b], 4));
        Assert.Equal("aaa", Picks([a], 3));
        Assert.Equal(2, Picks([a, b], 4).Count(c => c == 'b'));
        Assert.Null(policy.PickDestination(new DefaultHttpContext(), cluster, []));
    }

    [Fact]
    public void ClientIpHash_SendsAClientToOneServer_AndMovesOnlyTheClientsOfAServerThatLeaves()
    {
        DestinationState[] servers = [Server("a", 100), Server("b", 100), Server("c", 100)];
        var clients = Enumerable.Range(1, 300).Select(i => new IPAddress([10, 0, (byte)(i / 256), (byte)(i % 256)])).ToList();

        var before = clients.ToDictionary(c => c, c => ClientIpHashPolicy.Pick(c, servers, s => s.DestinationId).DestinationId);
        var again = clients.ToDictionary(c => c, c => ClientIpHashPolicy.Pick(c, servers, s => s.DestinationId).DestinationId);
        var withoutB = clients.ToDictionary(c => c, c => ClientIpHashPolicy.Pick(c, [servers[0], servers[2]], s => s.DestinationId).DestinationId);

        Assert.Equal(before, again);
        Assert.All(before.Values.GroupBy(v => v), g => Assert.InRange(g.Count(), 60, 140));
        Assert.All(clients.Where(c => before[c] != "b"), c => Assert.Equal(before[c], withoutB[c]));
    }

    [Fact]
    public void ClientIpHash_TreatsAnIpv4MappedAddressAsTheIpv4One()
    {
        DestinationState[] servers = [Server("a", 100), Server("b", 100), Server("c", 100)];
        var v4 = IPAddress.Parse("192.0.2.7");

        Assert.Same(ClientIpHashPolicy.Pick(v4, servers, s => s.DestinationId), ClientIpHashPolicy.Pick(v4.MapToIPv6(), servers, s => s.DestinationId));
    }

    private static DestinationState Server(string id, int weight) =>
        new(id, new DestinationModel(new DestinationConfig { Address = "http://" + id + "/", Metadata = new Dictionary<string, string> { [FarmPolicyNames.WeightMetadata] = weight.ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
}
