using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>How an exchange with a worker ended, in YARP's vocabulary so both forwarders share one error mapping.</summary>
internal readonly record struct ForwardOutcome(ForwarderError Error, Exception? Exception)
{
    public static ForwardOutcome Success => default;
}
