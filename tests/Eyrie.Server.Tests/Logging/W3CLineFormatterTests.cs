using System.Buffers;
using System.Net;
using System.Text;
using Eyrie.Configuration.Model;
using Eyrie.Server.Logging;

namespace Eyrie.Server.Tests.Logging;

public sealed class W3CLineFormatterTests
{
    private static readonly AccessLogEntry Entry = new()
    {
        Time = new DateTimeOffset(2025, 3, 9, 7, 5, 3, 250, TimeSpan.Zero),
        SiteName = "Default Web Site",
        ServerAddress = IPAddress.Parse("::ffff:10.0.0.5"),
        ServerPort = 8080,
        ClientAddress = IPAddress.Parse("2001:db8::7"),
        Method = "GET",
        UriStem = "/docs/read me.txt",
        UriQuery = "?a=1&b=two%20words",
        ProtocolVersion = "HTTP/1.1",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
        Referer = "",
        Host = "example.test",
        Status = 404,
        SubStatus = 7,
        Win32Status = 0,
        BytesSent = 1234,
        TimeTakenMilliseconds = 15,
    };

    private static string Format(IEnumerable<LogExtFileFlag> fields, AccessLogEntry entry)
    {
        var output = new ArrayBufferWriter<byte>();
        W3CLineFormatter.Write(output, fields.ToArray(), entry);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void DefaultFields_InIisOrder_WithIisEscaping()
    {
        var line = Format(LogFileConfig.DefaultFlags.Order(), Entry);

        // date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
        Assert.Equal("2025-03-09 07:05:03 10.0.0.5 GET /docs/read+me.txt a=1&b=two%20words 8080 - 2001:db8::7 Mozilla/5.0+(X11;+Linux+x86_64) - 404 7 0 15\n", line);
    }

    [Fact]
    public void OptionalFields_AreWritten()
    {
        var line = Format(
            [LogExtFileFlag.SiteName, LogExtFileFlag.ProtocolVersion, LogExtFileFlag.Host, LogExtFileFlag.Cookie, LogExtFileFlag.BytesSent, LogExtFileFlag.BytesRecv, LogExtFileFlag.ComputerName],
            Entry);

        Assert.Equal($"Default+Web+Site HTTP/1.1 example.test - 1234 - {Environment.MachineName.Replace(' ', '+')}\n", line);
    }

    [Fact]
    public void ControlCharacters_NeverBreakTheLine_AndUtf8IsKept()
    {
        var line = Format([LogExtFileFlag.UriStem, LogExtFileFlag.UserAgent], Entry with { UriStem = "/caf\u00e9\r\nx", UserAgent = "a\tb" });

        Assert.Equal("/café++x a+b\n", line);
    }

    [Fact]
    public void LongValues_AreCut()
    {
        var line = Format([LogExtFileFlag.UserAgent], Entry with { UserAgent = new string('a', 10_000) });

        Assert.Equal(W3CLineFormatter.MaxFieldLength + 1, line.Length);
    }
}
