using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Eyrie.Configuration.Model;

/// <summary>
/// Where a site listens: IIS's <c>bindingInformation</c> (<c>address:port:host</c>) plus the protocol and,
/// for https, the certificate.
/// </summary>
public sealed record BindingConfig
{
    [Description("http or https.")]
    public BindingProtocol Protocol { get; init; } = BindingProtocol.Http;

    [Description("An IPv4 or IPv6 address to listen on, or * for every address.")]
    public string Address { get; init; } = "*";

    [Description("The TCP port. 0 picks a free port when Eyrie starts (useful for tests).")]
    [Range(0, 65535)]
    public required int Port { get; init; }

    [Description("The host name this binding answers: exact (shop.example.com), wildcard (*.example.com), or empty for any.")]
    public string Host { get; init; } = "";

    [Description("The certificate of an https binding.")]
    public CertificateConfig? Certificate { get; init; }
}
