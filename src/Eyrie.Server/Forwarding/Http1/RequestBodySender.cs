using System.Buffers;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Forwarding.Http1;

/// <summary>
/// Streams the client's request body to the worker, as it arrives: as is under Content-Length, or as HTTP/1.1
/// chunks when the edge does not know the length (a chunked HTTP/1.1 upload, an HTTP/2 body without
/// content-length). Runs beside the response read: an app may answer before it has read the whole body.
/// </summary>
internal static class RequestBodySender
{
    private const int BufferSize = 16 * 1024;
    private const int ChunkPrefixSize = 10; // up to 8 hex digits and CRLF, written right before the data
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();

    /// <param name="context">The client's request.</param>
    /// <param name="connection">The worker connection the head went out on.</param>
    /// <param name="timeout">requestTimeout, re-armed before every read and write.</param>
    /// <param name="chunked">Whether to frame the body as chunks.</param>
    /// <param name="onClientFailure">Called when the client's side fails, before the outcome is returned.</param>
    public static async Task<ForwardOutcome> SendAsync(HttpContext context, WorkerConnection connection, TimeSpan timeout, bool chunked, Action onClientFailure)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize + ChunkPrefixSize + 2);
        try
        {
            var body = context.Request.Body;
            var room = buffer.Length - ChunkPrefixSize - 2;
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(ChunkPrefixSize, room), connection.Arm(timeout));
                }
                catch (Exception ex)
                {
                    onClientFailure();
                    return new ForwardOutcome(context.RequestAborted.IsCancellationRequested ? ForwarderError.RequestBodyCanceled : ForwarderError.RequestBodyClient, ex);
                }

                var data = read == 0 ? Memory<byte>.Empty : buffer.AsMemory(ChunkPrefixSize, read);
                if (chunked)
                {
                    data = read == 0 ? LastChunk : FrameChunk(buffer, read);
                }

                if (!data.IsEmpty)
                {
                    try
                    {
                        await connection.SendAsync(data, connection.Arm(timeout));
                    }
                    catch (Exception ex) when (WorkerConnection.IsIoFailure(ex))
                    {
                        // The app may have answered and closed: the response read decides what the client gets.
                        return new ForwardOutcome(ForwarderError.RequestBodyDestination, ex);
                    }
                }

                if (read == 0)
                {
                    return ForwardOutcome.Success;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the chunk-size line right before the data read at <see cref="ChunkPrefixSize"/>, and CRLF after it.</summary>
    private static Memory<byte> FrameChunk(byte[] buffer, int length)
    {
        Span<byte> digits = stackalloc byte[8];
        length.TryFormat(digits, out var count, "x", System.Globalization.CultureInfo.InvariantCulture);
        var start = ChunkPrefixSize - 2 - count;
        digits[..count].CopyTo(buffer.AsSpan(start));
        buffer[ChunkPrefixSize - 2] = (byte)'\r';
        buffer[ChunkPrefixSize - 1] = (byte)'\n';
        buffer[ChunkPrefixSize + length] = (byte)'\r';
        buffer[ChunkPrefixSize + length + 1] = (byte)'\n';
        return buffer.AsMemory(start, ChunkPrefixSize - start + length + 2);
    }
}
