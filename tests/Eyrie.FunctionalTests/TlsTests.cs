using System.Net;
using System.Security.Cryptography.X509Certificates;
using Eyrie.Configuration.Model;
using Eyrie.FunctionalTests.Infrastructure;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests;

/// <summary>https bindings: certificates chosen by SNI, hot-reloaded from their files, TLS 1.2/1.3, h2 by ALPN, 421, HSTS.</summary>
public sealed class TlsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _certificates = new("certs");
    private readonly StaticFolder _siteA = StaticFolder.WithIndex("site a");
    private readonly StaticFolder _siteB = StaticFolder.WithIndex("site b");
    private readonly StaticFolder _fallback = StaticFolder.WithIndex("default site");

    public void Dispose()
    {
        _certificates.Dispose();
        _siteA.Dispose();
        _siteB.Dispose();
        _fallback.Dispose();
    }

    private CertificateConfig Pem(X509Certificate2 certificate, string name)
    {
        var (path, key) = TestCertificates.WritePem(certificate, _certificates.Path, name);
        return new CertificateConfig { Path = path, KeyPath = key };
    }

    private CertificateConfig Pfx(X509Certificate2 certificate, string name, string password)
    {
        var path = TestCertificates.WritePfx(certificate, _certificates.Path, name, password);
        return new CertificateConfig { Path = path, PasswordFile = _certificates.Write(name + ".password", password + "\n") };
    }

    private static SiteConfig Site(string name, string folder, BindingConfig binding, HstsConfig? hsts = null, params BindingConfig[] more) => new()
    {
        Name = name,
        Bindings = [binding, .. more],
        VirtualDirectories = [new VirtualDirectoryConfig { Path = "/", PhysicalPath = folder }],
        Hsts = hsts,
    };

    [Fact]
    public async Task Sni_PicksEachSitesCertificate_AndNoOrUnknownNameGetsTheDefault()
    {
        using var a = TestCertificates.Create("a.test");
        using var b = TestCertificates.Create("b.test");
        using var fallback = TestCertificates.Create("default.test");
        var port = FreePort.Get();
        var config = new EyrieConfig
        {
            Sites =
            [
                Site("A", _siteA.Path, new BindingConfig { Protocol = BindingProtocol.Https, Port = port, Host = "a.test", Certificate = Pem(a, "a") }),
                Site("B", _siteB.Path, new BindingConfig { Protocol = BindingProtocol.Https, Port = port, Host = "b.test", Certificate = Pem(b, "b") }),
                Site("Default", _fallback.Path, new BindingConfig { Protocol = BindingProtocol.Https, Port = port, Certificate = Pfx(fallback, "default", "pfx-secret") }),
            ],
        };
        await using var eyrie = await EyrieTestHost.StartAsync(config, output);

        Assert.Equal(a.SerialNumber, await OpenSsl.ServerCertificateSerialAsync(port, "a.test"));
        Assert.Equal(b.SerialNumber, await OpenSsl.ServerCertificateSerialAsync(port, "b.test"));
        Assert.Equal(fallback.SerialNumber, await OpenSsl.ServerCertificateSerialAsync(port, null));
        Assert.Equal(fallback.SerialNumber, await OpenSsl.ServerCertificateSerialAsync(port, "unknown.test"));

        using var client = Clients.Loopback();
        Assert.Equal("site a", await client.GetStringAsync($"https://a.test:{port}/", TestContext.Current.CancellationToken));
        Assert.Equal("site b", await client.GetStringAsync($"https://b.test:{port}/", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithoutADefaultBinding_AnUnknownServerName_FailsTheHandshake()
    {
        using var a = TestCertificates.Create("a.test");
        var port = FreePort.Get();
        await using var eyrie = await EyrieTestHost.StartAsync(new EyrieConfig
        {
            Sites = [Site("A", _siteA.Path, new BindingConfig { Protocol = BindingProtocol.Https, Port = port, Host = "a.test", Certificate = Pem(a, "a") })],
        }, output);

        Assert.Equal(a.SerialNumber, await OpenSsl.ServerCertificateSerialAsync(port, "a.test"));
        Assert.Null(await OpenSsl.ServerCertificateSerialAsync(port, "other.test"));
    }

    [Fact]
    public async Task ReplacedCertificateFile_IsServedOnNewHandshakes_AndACorruptedOneKeepsTheOld()
    {
        using var first = TestCertificates.Create("a.test");
        using var second = TestCertificates.Create("a.test");
        var port = FreePort.Get();
        var certificate = Pem(first, "a");
        await using var eyrie = await EyrieTestHost.StartAsync(new EyrieConfig
        {
            Sites = [Site("A", _siteA.Path, new BindingConfig { Protocol = BindingProtocol.Https, Port = port, Certificate = certificate })],
        }, output);
        Assert.Equal(first.SerialNumber, await OpenSsl.ServerCertificateSerialAsync(port, "a.test"));

        TestCertificates.WritePem(second, _certificates.Path, "a");

        await Poll.UntilAsync(async () => await OpenSsl.ServerCertificateSerialAsync(port, "a.test") == second.SerialNumber, "new handshakes get the new certificate");

        File.WriteAllText(certificate.Path, "-----BEGIN CERTIFICATE-----\nthis is not a certificate\n-----END CERTIFICATE-----\n");

        await Poll.UntilAsync(() => eyrie.Logs.Contains(2017, certificate.Path), "the bad file was refused and the reason logged");
        Assert.Equal(second.SerialNumber, await OpenSsl.ServerCertificateSerialAsync(port, "a.test"));
        Assert.Equal(second.SerialNumber, await OpenSsl.ServerCertificateSerialAsync(port, null));
    }

    [Fact]
    public async Task Https_NegotiatesHttp2ByAlpn_AndOnlyTls12AndTls13()
    {
        using var a = TestCertificates.Create("a.test");
        var port = FreePort.Get();
        await using var eyrie = await EyrieTestHost.StartAsync(new EyrieConfig
        {
            Sites = [Site("A", _siteA.Path, new BindingConfig { Protocol = BindingProtocol.Https, Port = port, Certificate = Pem(a, "a") })],
        }, output);
        using var client = Clients.Loopback();

        using var h2 = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://a.test:{port}/") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact }, TestContext.Current.CancellationToken);
        using var h1 = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://a.test:{port}/") { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact }, TestContext.Current.CancellationToken);

        Assert.Equal((HttpVersion.Version20, "site a"), (h2.Version, await h2.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(HttpVersion.Version11, h1.Version);
        Assert.NotNull(await OpenSsl.ServerCertificateSerialAsync(port, "a.test", "-tls1_3"));
        Assert.NotNull(await OpenSsl.ServerCertificateSerialAsync(port, "a.test", "-tls1_2"));
        Assert.Null(await OpenSsl.ServerCertificateSerialAsync(port, "a.test", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"));
    }

    [Fact]
    public async Task HostOfAnotherSite_OnAConnectionMadeForThisOne_Gets421()
    {
        using var a = TestCertificates.Create("a.test");
        using var b = TestCertificates.Create("b.test");
        var port = FreePort.Get();
        await using var eyrie = await EyrieTestHost.StartAsync(new EyrieConfig
        {
            Sites =
            [
                Site("A", _siteA.Path, new BindingConfig { Protocol = BindingProtocol.Https, Port = port, Host = "a.test", Certificate = Pem(a, "a") }),
                Site("B", _siteB.Path, new BindingConfig { Protocol = BindingProtocol.Https, Port = port, Host = "b.test", Certificate = Pem(b, "b") }),
            ],
        }, output);

        // HttpClient would send the Host header's name as SNI; a raw TLS client can make them differ.
        Assert.Equal(421, await RawTls.StatusAsync(port, serverName: "a.test", host: "b.test"));
        Assert.Equal(200, await RawTls.StatusAsync(port, serverName: "a.test", host: "a.test"));
        Assert.Equal(200, await RawTls.StatusAsync(port, serverName: "b.test", host: "b.test"));
    }

    [Fact]
    public async Task Hsts_RedirectsHttpToHttps_AndSendsStrictTransportSecurityOnHttps()
    {
        using var a = TestCertificates.Create("a.test");
        var httpPort = FreePort.Get();
        var httpsPort = FreePort.Get();
        var hsts = new HstsConfig { Enabled = true, MaxAge = 31536000, IncludeSubDomains = true, RedirectHttpToHttps = true };
        await using var eyrie = await EyrieTestHost.StartAsync(new EyrieConfig
        {
            Sites = [Site("A", _siteA.Path, new BindingConfig { Port = httpPort }, hsts, new BindingConfig { Protocol = BindingProtocol.Https, Port = httpsPort, Certificate = Pem(a, "a") })],
        }, output);
        using var client = Clients.Loopback();

        using var redirect = await client.GetAsync($"http://a.test:{httpPort}/shop/cart?item=42", TestContext.Current.CancellationToken);
        using var secure = await client.GetAsync($"https://a.test:{httpsPort}/", TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync($"https://a.test:{httpsPort}/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"https://a.test:{httpsPort}/shop/cart?item=42", redirect.Headers.Location!.ToString());
        Assert.False(redirect.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000; includeSubDomains", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(missing.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task AppOnASiteWithHttps_GetsTheHttpsPort_AndIsForwardedOverTls()
    {
        using var a = TestCertificates.Create("a.test");
        using var app = TestApp.TestBackend();
        var httpsPort = FreePort.Get();
        await using var eyrie = await EyrieTestHost.StartAsync(new EyrieConfig
        {
            Sites =
            [
                new SiteConfig
                {
                    Name = "A",
                    Bindings = [new BindingConfig { Protocol = BindingProtocol.Https, Port = httpsPort, Certificate = Pem(a, "a") }],
                    Applications = [new ApplicationConfig { Path = "/", PhysicalPath = app.Path }],
                },
            ],
        }, output);
        using var client = Clients.Loopback();

        Assert.Equal(httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), await client.GetStringAsync($"https://a.test:{httpsPort}/env/ASPNETCORE_ANCM_HTTPS_PORT", TestContext.Current.CancellationToken));
        var echo = await client.EchoAsync($"https://a.test:{httpsPort}/echo");
        Assert.Equal("https", echo.Scheme);
    }
}
