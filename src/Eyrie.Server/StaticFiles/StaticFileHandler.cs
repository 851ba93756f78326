using System.Globalization;
using System.Net;
using System.Text;
using Eyrie.Server.Errors;
using Eyrie.Server.Pipeline;
using Eyrie.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Eyrie.Server.StaticFiles;

/// <summary>
/// Serves a virtual directory's files as IIS's static file handler does: GET and HEAD, ETag and
/// Last-Modified with conditional requests (304, 412), byte ranges (206, bounded, 416), content types from
/// a MIME map (none: 404.3), default documents, an optional directory listing (else 403.14), and
/// precompressed <c>.br</c>/<c>.gz</c> siblings when the client accepts them. Nothing outside the folder and
/// nothing protected is ever served (<see cref="StaticPathGuard"/>, canonical paths).
/// </summary>
public sealed partial class StaticFileHandler(ILogger<StaticFileHandler> logger)
{
    private const int BufferSize = 64 * 1024;

    private static readonly (string Encoding, string Suffix)[] Precompressed = [("br", ".br"), ("gzip", ".gz")];

    public async Task ServeAsync(EdgeRequest request, ApplicationRoute route)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        var context = request.HttpContext;
        var settings = route.Files!;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await ErrorPages.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "HTTP Error 405.0 - Method Not Allowed", "The page you are looking for cannot be displayed because an invalid method (HTTP verb) is being used.");
            return;
        }

        var requestPath = context.Request.Path.Value ?? "/";
        var relative = route.Path == "/" ? requestPath : requestPath[route.Path.Length..];
        var verdict = StaticPathGuard.Check(relative);
        if (verdict != PathVerdict.Allowed)
        {
            await RefuseAsync(request, verdict, requestPath);
            return;
        }

        var root = RealPath.Resolve(settings.Root);
        var target = root is null ? null : RealPath.Resolve(Path.Join(settings.Root, relative.TrimStart('/')))
            ?? (CaseInsensitivePath.Find(settings.Root, relative) is { } found ? RealPath.Resolve(found) : null);
        if (root is null || target is null)
        {
            await ErrorPages.NotFoundAsync(context);
            return;
        }

        // A symbolic link may point outside the folder, or at a protected file inside it.
        if (!RealPath.IsWithin(target, root))
        {
            await RefuseAsync(request, PathVerdict.DeniedSequence, requestPath);
            return;
        }

        verdict = StaticPathGuard.Check("/" + Path.GetRelativePath(root, target).Replace('\\', '/'));
        if (verdict != PathVerdict.Allowed && target != root)
        {
            await RefuseAsync(request, verdict, requestPath);
            return;
        }

        if (Directory.Exists(target))
        {
            await ServeDirectoryAsync(request, settings, target, requestPath);
        }
        else
        {
            await ServeFileAsync(request, settings, target);
        }
    }

    private async Task ServeDirectoryAsync(EdgeRequest request, StaticFileSettings settings, string folder, string requestPath)
    {
        var context = request.HttpContext;
        if (!requestPath.EndsWith('/'))
        {
            // IIS's courtesy redirect: relative links in the folder's page resolve against the folder.
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = context.Request.PathBase + requestPath + "/" + context.Request.QueryString;
            return;
        }

        var names = Directory.EnumerateFiles(folder).Select(Path.GetFileName).ToDictionary(n => n!, n => n!, StringComparer.OrdinalIgnoreCase);
        foreach (var document in settings.DefaultDocuments)
        {
            if (names.TryGetValue(document, out var actual) && StaticPathGuard.Check("/" + actual) == PathVerdict.Allowed)
            {
                await ServeFileAsync(request, settings, Path.Combine(folder, actual));
                return;
            }
        }

        if (settings.DirectoryBrowse)
        {
            await WriteListingAsync(context, folder, requestPath);
            return;
        }

        request.SubStatus = 14;
        await ErrorPages.WriteAsync(context, StatusCodes.Status403Forbidden, "HTTP Error 403.14 - Forbidden", "The Web server is configured to not list the contents of this directory.");
    }

    private async Task ServeFileAsync(EdgeRequest request, StaticFileSettings settings, string path)
    {
        var context = request.HttpContext;
        if (!settings.ContentTypes.TryGetContentType(path, out var contentType))
        {
            request.SubStatus = 3;
            LogRefused(logger, context.Request.Path.Value, "404.3 (no MIME type)");
            await ErrorPages.NotFoundAsync(context);
            return;
        }

        var requestHeaders = context.Request.GetTypedHeaders();
        var hasRange = context.Request.Headers.ContainsKey(HeaderNames.Range) && HttpMethods.IsGet(context.Request.Method);
        var (variantPath, encoding, anySibling) = settings.ServePrecompressed ? ChooseVariant(path, requestHeaders, hasRange) : (path, null, false);

        using var file = OpenOrNull(variantPath);
        if (file is null)
        {
            await ErrorPages.NotFoundAsync(context);
            return;
        }

        var length = RandomAccess.GetLength(file);
        var lastWrite = File.GetLastWriteTimeUtc(variantPath);
        var lastModified = new DateTimeOffset(lastWrite.Ticks - (lastWrite.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var etag = new EntityTagHeaderValue($"\"{lastWrite.Ticks:x}-{length:x}{(encoding is null ? "" : "-" + encoding)}\"");

        var response = context.Response;
        var responseHeaders = response.GetTypedHeaders();
        if (settings.SetEtag)
        {
            responseHeaders.ETag = etag;
        }

        responseHeaders.LastModified = lastModified;
        if (settings.CacheControl is { } cacheControl)
        {
            response.Headers.CacheControl = cacheControl;
        }

        if (settings.Expires is { } expires)
        {
            response.Headers.Expires = expires;
        }
        if (anySibling)
        {
            response.Headers.Vary = HeaderNames.AcceptEncoding;
        }

        var precondition = EvaluatePreconditions(requestHeaders, etag, lastModified);
        if (precondition != StatusCodes.Status200OK)
        {
            response.StatusCode = precondition;
            return;
        }

        response.ContentType = contentType;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
            await SendAsync(context, file, [new ByteRange(0, length - 1)], length, contentType, StatusCodes.Status200OK);
            return;
        }

        response.Headers.AcceptRanges = "bytes";
        var ranges = hasRange && IfRangeHolds(requestHeaders, etag, lastModified)
            ? RangeRequest.Parse(context.Request.Headers.Range.ToString(), length)
            : null;
        if (ranges is { Count: 0 })
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{length}";
            return;
        }

        await SendAsync(context, file, ranges ?? (length == 0 ? [] : [new ByteRange(0, length - 1)]), length, contentType, ranges is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent);
    }

    /// <summary>RFC 9110 §13.2.2: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since, in that order.</summary>
    private static int EvaluatePreconditions(RequestHeaders headers, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        if (headers.IfMatch is { Count: > 0 } ifMatch)
        {
            if (!ifMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: true)))
            {
                return StatusCodes.Status412PreconditionFailed;
            }
        }
        else if (headers.IfUnmodifiedSince is { } unmodifiedSince && lastModified > unmodifiedSince)
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        if (headers.IfNoneMatch is { Count: > 0 } ifNoneMatch)
        {
            if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
            {
                return StatusCodes.Status304NotModified;
            }
        }
        else if (headers.IfModifiedSince is { } modifiedSince && lastModified <= modifiedSince)
        {
            return StatusCodes.Status304NotModified;
        }

        return StatusCodes.Status200OK;
    }

    private static bool IfRangeHolds(RequestHeaders headers, EntityTagHeaderValue etag, DateTimeOffset lastModified) =>
        headers.IfRange switch
        {
            null => true,
            { EntityTag: { } tag } => tag.Compare(etag, useStrongComparison: true),
            { LastModified: { } date } => date == lastModified,
            _ => false,
        };

    /// <summary>A precompressed sibling (<c>x.js.br</c>, <c>x.js.gz</c>) when the client accepts its encoding and asked for no range.</summary>
    private static (string Path, string? Encoding, bool AnySibling) ChooseVariant(string path, RequestHeaders headers, bool hasRange)
    {
        var siblings = Precompressed.Where(p => File.Exists(path + p.Suffix)).ToList();
        if (siblings.Count == 0 || hasRange)
        {
            return (path, null, siblings.Count > 0);
        }

        var accepted = headers.AcceptEncoding;
        foreach (var (encoding, suffix) in siblings)
        {
            if (accepted.Any(a => (a.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) || a.Value == "*") && a.Quality is not 0))
            {
                return (path + suffix, encoding, true);
            }
        }

        return (path, null, true);
    }

    private static async Task SendAsync(HttpContext context, Microsoft.Win32.SafeHandles.SafeFileHandle file, IReadOnlyList<ByteRange> ranges, long length, string contentType, int status)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (status != StatusCodes.Status206PartialContent || ranges.Count == 1)
        {
            if (status == StatusCodes.Status206PartialContent)
            {
                response.Headers.ContentRange = $"bytes {ranges[0].From}-{ranges[0].To}/{length}";
            }

            response.ContentLength = ranges.Sum(r => r.Length);
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                foreach (var range in ranges)
                {
                    await CopyAsync(context, file, range);
                }
            }

            return;
        }

        // Several ranges: multipart/byteranges, with a Content-Length computed ahead.
        var boundary = Guid.NewGuid().ToString("N");
        var parts = ranges.Select(r => (Range: r, Head: Encoding.ASCII.GetBytes($"\r\n--{boundary}\r\nContent-Type: {contentType}\r\nContent-Range: bytes {r.From}-{r.To}/{length}\r\n\r\n"))).ToList();
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        response.ContentType = "multipart/byteranges; boundary=" + boundary;
        response.ContentLength = parts.Sum(p => p.Head.Length + p.Range.Length) + tail.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        foreach (var (range, head) in parts)
        {
            await response.Body.WriteAsync(head, context.RequestAborted);
            await CopyAsync(context, file, range);
        }

        await response.Body.WriteAsync(tail, context.RequestAborted);
    }

    /// <summary>Reads the file straight into the response pipe's buffers: one copy, flat memory, however large.</summary>
    private static async Task CopyAsync(HttpContext context, Microsoft.Win32.SafeHandles.SafeFileHandle file, ByteRange range)
    {
        var writer = context.Response.BodyWriter;
        var offset = range.From;
        var remaining = range.Length;
        while (remaining > 0)
        {
            var memory = writer.GetMemory(BufferSize);
            var read = await RandomAccess.ReadAsync(file, memory[..(int)Math.Min(memory.Length, remaining)], offset, context.RequestAborted);
            if (read == 0)
            {
                // The file shrank while being sent: the promised length cannot be kept, so the connection goes.
                context.Abort();
                return;
            }

            writer.Advance(read);
            offset += read;
            remaining -= read;
            var flush = await writer.FlushAsync(context.RequestAborted);
            if (flush.IsCompleted || flush.IsCanceled)
            {
                return;
            }
        }
    }

    private static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenOrNull(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Task WriteListingAsync(HttpContext context, string folder, string requestPath)
    {
        var listing = new StringBuilder();
        listing.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(requestPath))
            .Append("</title></head><body>\n<h1>").Append(WebUtility.HtmlEncode(requestPath)).Append("</h1>\n<pre>");
        if (requestPath.Length > 1)
        {
            listing.Append("<a href=\"../\">[To Parent Directory]</a>\n");
        }

        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos()
            .Where(e => StaticPathGuard.Check("/" + e.Name + (e is DirectoryInfo ? "/" : "")) == PathVerdict.Allowed)
            .OrderBy(e => e is FileInfo)
            .ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var isFolder = entry is DirectoryInfo;
            var href = Uri.EscapeDataString(entry.Name) + (isFolder ? "/" : "");
            listing.Append(entry.LastWriteTimeUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
                .Append(isFolder ? "      &lt;dir&gt; " : $" {((FileInfo)entry).Length,12} ")
                .Append("<a href=\"").Append(href).Append("\">").Append(WebUtility.HtmlEncode(entry.Name)).Append("</a>\n");
        }

        listing.Append("</pre></body></html>\n");
        context.Response.ContentType = "text/html; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(listing.ToString(), context.RequestAborted);
    }

    private Task RefuseAsync(EdgeRequest request, PathVerdict verdict, string path)
    {
        // Every refusal looks like a missing file to the client; the sub-status tells the operator why.
        request.SubStatus = (int)verdict;
        LogRefused(logger, path, $"404.{(int)verdict} ({verdict})");
        return ErrorPages.NotFoundAsync(request.HttpContext);
    }

    [LoggerMessage(EventId = EventIds.StaticFileRefused, Level = LogLevel.Debug, Message = "Static file request {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? path, string reason);
}
