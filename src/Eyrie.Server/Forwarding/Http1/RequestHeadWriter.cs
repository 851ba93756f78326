using System.Buffers;
using System.Text;
using Eyrie.Processes.Workers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// Writes the HTTP/1.1 request head Eyrie sends a worker, with ANCM's header rules (iis-ancm.md §2.7): Host
/// kept, hop-by-hop and client-sent <c>MS-ASPNETCORE-*</c> headers dropped, <c>X-Forwarded-For</c>
/// (address:port) and <c>X-Forwarded-Proto</c> appended, the worker's pairing token added, and the body
/// framed by Eyrie (<c>Content-Length</c> when known, chunked otherwise). Values are UTF-8, as the edge decoded them.
/// </summary>
internal static class RequestHeadWriter
{
    private static readonly byte[] Version = " HTTP/1.1\r\n"u8.ToArray();
    private static readonly byte[] Separator = ": "u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    /// <summary>How the request body travels to the worker.</summary>
    public enum BodyFraming
    {
        None,
        ContentLength,
        Chunked,
    }

    /// <summary>The framing for this request: the edge's Kestrel knows whether it can have a body and its length.</summary>
    public static BodyFraming FramingOf(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true ? BodyFraming.None
        : context.Request.ContentLength is not null ? BodyFraming.ContentLength
        : BodyFraming.Chunked;

    /// <summary>Writes the head into a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller returns it.</summary>
    public static byte[] Write(HttpContext context, Worker worker, BodyFraming framing, out int length)
    {
        var request = context.Request;
        var target = RequestTarget.Of(request.Path, request.QueryString);
        var host = request.Headers.Host.ToString();
        if (host.Length == 0)
        {
            host = worker.DestinationPrefix["http://".Length..^1];
        }

        var client = AncmRequestTransformer.FormatClient(context.Connection.RemoteIpAddress, context.Connection.RemotePort);
        var proto = request.IsHttps ? "https" : "http";
        var forwardedFor = Appended(request.Headers[AncmRequestTransformer.ForwardedFor], client);
        var forwardedProto = Appended(request.Headers[AncmRequestTransformer.ForwardedProto], proto);
        var contentLength = framing switch
        {
            BodyFraming.ContentLength => request.ContentLength!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BodyFraming.None when request.ContentLength == 0 || HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) => "0",
            _ => null,
        };

        var size = request.Method.Length + Encoding.UTF8.GetByteCount(target) + Version.Length
            + Line(HeaderNames.Host, host) + Line(AncmRequestTransformer.ForwardedFor, forwardedFor)
            + Line(AncmRequestTransformer.ForwardedProto, forwardedProto) + Line(AncmRequestTransformer.TokenHeader, worker.Token)
            + Line(HeaderNames.ContentLength, contentLength ?? "") + Line(HeaderNames.TransferEncoding, "chunked") + LineEnd.Length;
        foreach (var (name, values) in request.Headers)
        {
            if (IsForwarded(name))
            {
                size += Line(name, values);
            }
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var span = buffer.AsSpan();
        var at = Encoding.ASCII.GetBytes(request.Method, span);
        span[at++] = (byte)' ';
        at += Encoding.UTF8.GetBytes(target, span[at..]);
        at += Copy(Version, span[at..]);
        at += WriteLine(span[at..], HeaderNames.Host, host);
        foreach (var (name, values) in request.Headers)
        {
            if (IsForwarded(name))
            {
                at += WriteLine(span[at..], name, values);
            }
        }

        at += WriteLine(span[at..], AncmRequestTransformer.ForwardedFor, forwardedFor);
        at += WriteLine(span[at..], AncmRequestTransformer.ForwardedProto, forwardedProto);
        at += WriteLine(span[at..], AncmRequestTransformer.TokenHeader, worker.Token);
        if (contentLength is not null)
        {
            at += WriteLine(span[at..], HeaderNames.ContentLength, contentLength);
        }
        else if (framing == BodyFraming.Chunked)
        {
            at += WriteLine(span[at..], HeaderNames.TransferEncoding, "chunked");
        }

        at += Copy(LineEnd, span[at..]);
        length = at;
        return buffer;
    }

    /// <summary>Headers copied as the client sent them; the rest Eyrie writes itself or drops.</summary>
    private static bool IsForwarded(string name) =>
        name.Length > 0 && name[0] != ':'
        && !HopByHopHeaders.Contains(name)
        && !AncmRequestTransformer.IsAncmHeader(name)
        && !string.Equals(name, HeaderNames.Host, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(name, HeaderNames.Expect, StringComparison.OrdinalIgnoreCase) // the edge answered it
        && !string.Equals(name, AncmRequestTransformer.ForwardedFor, StringComparison.OrdinalIgnoreCase)
        && !string.Equals(name, AncmRequestTransformer.ForwardedProto, StringComparison.OrdinalIgnoreCase);

    private static string Appended(StringValues existing, string value) =>
        existing.Count == 0 ? value : string.Join(", ", existing.ToArray()) + ", " + value;

    /// <summary>The bytes <see cref="WriteLine"/> writes for a header.</summary>
    private static int Line(string name, StringValues values)
    {
        var size = name.Length + Separator.Length + LineEnd.Length + (Math.Max(0, values.Count - 1) * 2);
        foreach (var value in values)
        {
            size += Encoding.UTF8.GetByteCount(value ?? "");
        }

        return size;
    }

    /// <summary>
    /// One line per header, its values written one after another (never joined into a new string): a list with
    /// ", ", HTTP/2's cookie crumbs (and repeated Cookie lines) with "; " (RFC 9113 §8.2.3). Both are two bytes.
    /// </summary>
    private static int WriteLine(Span<byte> span, string name, StringValues values)
    {
        var at = Encoding.ASCII.GetBytes(name, span);
        at += Copy(Separator, span[at..]);
        var between = string.Equals(name, HeaderNames.Cookie, StringComparison.OrdinalIgnoreCase) ? "; "u8 : ", "u8;
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                at += Copy(between, span[at..]);
            }

            at += Encoding.UTF8.GetBytes(values[i] ?? "", span[at..]);
        }

        return at + Copy(LineEnd, span[at..]);
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
