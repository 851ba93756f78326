using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model.Farms;

/// <summary>How requests are sent to a farm's servers (ARR's <c>protocol</c> and proxy settings).</summary>
public sealed record FarmProtocolConfig
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    [Description("How long a forwarded request may be silent before it fails with 502.3 (default 00:02:00).")]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? Timeout { get; init; }

    [Description("Reach the servers over http on httpPort whatever the client used (ARR's SSL offloading, default true); false: over https on httpsPort, with the server's certificate validated.")]
    public bool? SslOffloading { get; init; }

    [Description("Send the client's Host header to the server (default true, as ARR); false: the server's address.")]
    public bool? PreserveHostHeader { get; init; }

    [Description("Send an idempotent request (GET, HEAD, OPTIONS, PUT, DELETE, TRACE) without a body to another server when the first cannot be connected to (default true).")]
    public bool? RetryIdempotentRequests { get; init; }
}
