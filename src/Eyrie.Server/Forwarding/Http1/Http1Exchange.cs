using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Eyrie.Processes.Workers;
using Eyrie.Server.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// One request and its response over one <see cref="WorkerConnection"/>: the head written in one send, the
/// body streamed with the framing the edge knows, the response head parsed straight into Kestrel's response,
/// and the body copied by its own framing (RFC 9112 §6.3). The request body is sent while the response is
/// read, so an app that answers early (a 413 before reading an upload) is heard.
/// </summary>
internal sealed class Http1Exchange
{
    private const int BufferSize = 16 * 1024;
    private const int BodyBufferSize = 64 * 1024; // for bodies longer than what came with the head, as YARP's copier
    private const int MaxHeadSize = 64 * 1024;
    private const int MaxLineSize = 8 * 1024;
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();

    private readonly EdgeRequest _request;
    private readonly HttpContext _context;
    private readonly WorkerConnection _connection;
    private readonly TimeSpan _timeout;
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private long _received;
    private bool _bodyFailed;
    private bool _unflushed;

    public Http1Exchange(EdgeRequest request, WorkerConnection connection, TimeSpan timeout)
    {
        _request = request;
        _context = request.HttpContext;
        _connection = connection;
        _timeout = timeout;
    }

    /// <summary>Whether the connection ended the exchange clean and can carry another request.</summary>
    public bool Reusable { get; private set; }

    /// <summary>
    /// Whether the failure may be a keep-alive connection the worker closed as Eyrie reused it: nothing came
    /// back, nothing was sent to the client, and there is no body that was consumed. The HTTP client YARP uses
    /// retries exactly this case on a new connection, and so does Eyrie.
    /// </summary>
    public bool MayRetry { get; private set; }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ForwardOutcome> RunAsync(Worker worker, RequestHeadWriter.BodyFraming framing)
    {
        using var registration = _context.RequestAborted.UnsafeRegister(static state => ((WorkerConnection)state!).CancelActivity(), _connection);
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var head = RequestHeadWriter.Write(_context, worker, framing, out var length);
            try
            {
                await _connection.SendAsync(head.AsMemory(0, length), Arm());
            }
            catch (Exception ex) when (WorkerConnection.IsIoFailure(ex))
            {
                MayRetry = _connection.Reused && framing == RequestHeadWriter.BodyFraming.None && !_context.RequestAborted.IsCancellationRequested;
                return Fail(ForwarderError.Request, ex);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(head);
            }

            var body = framing == RequestHeadWriter.BodyFraming.None ? null : RequestBodySender.SendAsync(_context, _connection, _timeout, framing == RequestHeadWriter.BodyFraming.Chunked, OnClientBodyFailed);
            var outcome = await ReadResponseAsync(framing);
            if (body is not null)
            {
                if (!body.IsCompleted)
                {
                    // The app answered without reading the whole body: stop sending; the connection cannot be reused.
                    Reusable = false;
                    _connection.CancelActivity();
                }

                var sent = await body;
                if (sent.Error != ForwarderError.None)
                {
                    Reusable = false;
                    if (outcome.Error != ForwarderError.None && sent.Error is ForwarderError.RequestBodyClient or ForwarderError.RequestBodyCanceled)
                    {
                        return sent;
                    }
                }
            }

            return outcome;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ForwardOutcome> ReadResponseAsync(RequestHeadWriter.BodyFraming framing)
    {
        var response = _context.Response;
        int status, minorVersion, headLength, statusLineLength;
        string reason;
        try
        {
            while (true)
            {
                headLength = await ReadHeadAsync() + HeadEnd.Length;
                statusLineLength = _buffer.AsSpan(_start, headLength).IndexOf("\r\n"u8);
                if (!ResponseHeadParser.TryParseStatusLine(_buffer.AsSpan(_start, statusLineLength), out minorVersion, out status, out reason))
                {
                    throw Invalid("The application's response does not start with an HTTP/1.x status line.");
                }

                if (status >= 200)
                {
                    break;
                }

                if (status == 101)
                {
                    throw Invalid("The application switched protocols on a request that asked for no upgrade.");
                }

                _start += headLength; // an interim response (100 Continue, 103 Early Hints): the edge speaks for itself
            }
        }
        catch (Exception ex) when (WorkerConnection.IsIoFailure(ex) || ex is HttpIOException)
        {
            MayRetry = _received == 0 && _connection.Reused && framing == RequestHeadWriter.BodyFraming.None && !_bodyFailed
                && !_context.RequestAborted.IsCancellationRequested && !_connection.Activity.IsCancellationRequested;
            return Fail(ForwarderError.Request, ex);
        }

        response.StatusCode = status;
        if (status >= 400 && AncmRequestTransformer.ReplacementPage(_context, status) is { } page)
        {
            // httpErrors existingResponse="Replace": the app's body is not copied; the custom page answers instead.
            _request.ReplacedBy = page;
            return ForwardOutcome.Success;
        }

        if (reason.Length > 0 && reason != ReasonPhrases.GetReasonPhrase(status))
        {
            _context.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = reason;
        }

        // The field lines between the status line's CRLF and the empty line's (none: the status line ends the head).
        var fields = _buffer.AsSpan(_start + statusLineLength + 2, Math.Max(0, headLength - statusLineLength - 6));
        if (ResponseHeadCopier.Copy(fields, response, minorVersion, _request.Worker?.Settings.ForwardResponseConnectionHeader == true, out var responseFraming) is { } problem)
        {
            return Fail(ForwarderError.ResponseHeaders, Invalid(problem));
        }

        var (contentLength, transferEncoded, chunked, close) = responseFraming;
        _start += headLength;
        if (HttpMethods.IsHead(_context.Request.Method) || status is 204 or 304)
        {
            if (contentLength is { } declared && status != 204)
            {
                response.ContentLength = declared;
            }

            Reusable = !close && _start == _end;
            return ForwardOutcome.Success;
        }

        try
        {
            if (transferEncoded)
            {
                // Transfer-Encoding wins over Content-Length (RFC 9112 §6.3); anything but chunked last runs to the close.
                if (!chunked)
                {
                    await CopyUntilCloseAsync();
                }
                else
                {
                    await CopyChunkedAsync();
                    Reusable = !close && contentLength is null && _start == _end;
                }
            }
            else if (contentLength is { } length)
            {
                response.ContentLength = length;
                await CopyLengthAsync(length);
                Reusable = !close && _start == _end;
            }
            else
            {
                await CopyUntilCloseAsync();
            }

            // Once a response has started, Kestrel sends only what is flushed: flush the tail. A response that
            // has not started (the whole body came with the head) goes out with its head when the request ends.
            if (response.HasStarted)
            {
                await FlushToClientAsync();
            }

            return ForwardOutcome.Success;
        }
        catch (Exception ex) when (WorkerConnection.IsIoFailure(ex) || ex is HttpIOException or ClientGoneException)
        {
            // Once the head is out, abort, so a cut body cannot pass for a complete one; before that the client gets a
            // 502.3. Classified first: the abort cancels RequestAborted, which would read as the client leaving.
            var failure = Fail(ex is ClientGoneException ? ForwarderError.ResponseBodyClient : ForwarderError.ResponseBodyDestination, ex.InnerException ?? ex);
            if (_context.Response.HasStarted)
            {
                _context.Abort();
            }

            return failure;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask CopyLengthAsync(long length)
    {
        // A body that came whole with the head (the common small response) is not flushed here: Kestrel sends
        // it with the response head when the request completes, in one write.
        var buffered = (int)Math.Min(_end - _start, length);
        CopyToClient(_buffer.AsSpan(_start, buffered));
        _start += buffered;
        var remaining = length - buffered;
        if (remaining > 0)
        {
            UseBodyBuffer();
        }

        while (remaining > 0)
        {
            var read = await ReceiveAsync((int)Math.Min(_buffer.Length, remaining));
            CopyToClient(_buffer.AsSpan(0, read));
            remaining -= read;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask CopyUntilCloseAsync()
    {
        Reusable = false;
        CopyToClient(_buffer.AsSpan(_start, _end - _start));
        _start = _end;
        UseBodyBuffer();
        while (true)
        {
            await FlushToClientAsync();
            _start = _end = 0;
            var read = await _connection.ReceiveAsync(_buffer, Arm());
            if (read == 0)
            {
                return;
            }

            CopyToClient(_buffer.AsSpan(0, read));
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask CopyChunkedAsync()
    {
        while (true)
        {
            var line = await ReadLineAsync();
            if (!ResponseHeadParser.TryParseChunkSize(_buffer.AsSpan(_start, line), out var size))
            {
                throw Invalid("The application sent a malformed chunk size.");
            }

            _start += line + 2;
            if (size == 0)
            {
                await ReadTrailersAsync();
                return;
            }

            while (size > 0)
            {
                if (_start == _end)
                {
                    UseBodyBuffer();
                    _end = await ReceiveAsync(_buffer.Length);
                }

                var take = (int)Math.Min(_end - _start, size);
                CopyToClient(_buffer.AsSpan(_start, take));
                _start += take;
                size -= take;
            }

            if (await ReadLineAsync() != 0)
            {
                throw Invalid("The application's chunk data did not end with CRLF.");
            }

            _start += 2;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadTrailersAsync()
    {
        var response = _context.Response;
        while (true)
        {
            var line = await ReadLineAsync();
            if (line == 0)
            {
                _start += 2;
                return;
            }

            if (!ResponseHeadParser.TryParseField(_buffer.AsSpan(_start, line), out var name, out var value))
            {
                throw Invalid("The application sent a malformed trailer line.");
            }

            _start += line + 2;
            if (response.SupportsTrailers() && !HopByHopHeaders.Contains(name))
            {
                response.AppendTrailer(name, value);
            }
        }
    }

    /// <summary>Waits until a full response head is buffered; returns its length without the empty line's CRLF CRLF.</summary>
    private ValueTask<int> ReadHeadAsync() =>
        ReadUntilAsync(HeadEnd, MaxHeadSize, static () => new HttpIOException(HttpRequestError.ConfigurationLimitExceeded, "The application's response head is larger than 64 KiB."));

    /// <summary>Waits until a CRLF-terminated line is buffered at <see cref="_start"/>; returns its length without CRLF.</summary>
    private ValueTask<int> ReadLineAsync() =>
        ReadUntilAsync(LineEnd, MaxLineSize, static () => Invalid("The application sent a chunk line longer than 8 KiB."));

    /// <summary>Reads until <paramref name="delimiter"/> is buffered at or after <see cref="_start"/>; returns the offset where it starts.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadUntilAsync(byte[] delimiter, int limit, Func<Exception> tooLong)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf(delimiter);
            if (end >= 0)
            {
                return end;
            }

            if (_end - _start >= limit)
            {
                throw tooLong();
            }

            await FillAsync();
        }
    }

    /// <summary>
    /// Trades the head's buffer for a larger one once a body needs more reads: fewer receives and flushes per
    /// response (a 100 KB body in two reads, not seven). Unread bytes move along.
    /// </summary>
    private void UseBodyBuffer()
    {
        if (_buffer.Length >= BodyBufferSize)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(BodyBufferSize);
        _buffer.AsSpan(_start, _end - _start).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
        _end -= _start;
        _start = 0;
    }

    /// <summary>Reads more of the response behind what is buffered, moving or growing the buffer as needed.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync()
    {
        await FlushToClientAsync();
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _connection.ReceiveAsync(_buffer.AsMemory(_end), Arm());
        if (read == 0)
        {
            throw new HttpIOException(HttpRequestError.ResponseEnded, "The application closed the connection before its response was complete.");
        }

        _end += read;
        _received += read;
    }

    /// <summary>Reads up to <paramref name="count"/> body bytes into the start of the (empty) buffer.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveAsync(int count)
    {
        await FlushToClientAsync();
        _start = _end = 0;
        var read = await _connection.ReceiveAsync(_buffer.AsMemory(0, count), Arm());
        if (read == 0)
        {
            throw new HttpIOException(HttpRequestError.ResponseEnded, "The application closed the connection before its response was complete.");
        }

        _received += read;
        return read;
    }

    /// <summary>Copies body bytes into Kestrel's response pipe; they go out at the next flush.</summary>
    private void CopyToClient(ReadOnlySpan<byte> data)
    {
        if (!data.IsEmpty)
        {
            _context.Response.BodyWriter.Write(data);
            _unflushed = true;
        }
    }

    /// <summary>
    /// Sends what was copied before waiting on the worker again, so a streamed response (server-sent events, a
    /// long download) reaches the client as it comes, and waits while the client is slower than the worker.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushToClientAsync()
    {
        if (!_unflushed)
        {
            return;
        }

        _unflushed = false;
        FlushResult result;
        try
        {
            result = await _context.Response.BodyWriter.FlushAsync(Arm());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || _context.RequestAborted.IsCancellationRequested)
        {
            throw new ClientGoneException(ex);
        }

        if (result.IsCanceled || result.IsCompleted)
        {
            throw new ClientGoneException(new IOException("The client stopped reading the response."));
        }
    }

    private CancellationToken Arm() => _connection.Arm(_timeout);

    /// <summary>The client's body failed (too large, badly framed, gone): stop waiting for the app.</summary>
    private void OnClientBodyFailed()
    {
        _bodyFailed = true;
        _connection.CancelActivity();
    }

    /// <summary>Classifies a failure the way YARP's forwarder does: the client leaving and the activity timeout first.</summary>
    private ForwardOutcome Fail(ForwarderError error, Exception exception)
    {
        Reusable = false;
        if (_context.RequestAborted.IsCancellationRequested)
        {
            return new ForwardOutcome(error == ForwarderError.Request ? ForwarderError.RequestCanceled : ForwarderError.ResponseBodyCanceled, exception);
        }

        if (exception is OperationCanceledException && _connection.Activity.IsCancellationRequested && !_bodyFailed && error == ForwarderError.Request)
        {
            return new ForwardOutcome(ForwarderError.RequestTimedOut, exception);
        }

        return new ForwardOutcome(error, exception);
    }

    private static HttpIOException Invalid(string message) => new(HttpRequestError.InvalidResponse, message);
}
