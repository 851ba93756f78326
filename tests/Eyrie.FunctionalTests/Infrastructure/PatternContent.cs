using System.Net;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>A request body of a given length generated on the fly, so a 1 GiB upload costs the client no memory.</summary>
internal sealed class PatternContent(long length, bool chunked = false) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new byte[256 * 1024];
        Array.Fill(chunk, (byte)'x');
        for (var sent = 0L; sent < length; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)));
        }
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return !chunked;
    }
}
