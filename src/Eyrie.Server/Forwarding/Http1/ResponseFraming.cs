namespace Eyrie.Server.Forwarding.Http1;

/// <summary>How a worker's response body is delimited, and whether its connection closes after it.</summary>
/// <param name="ContentLength">The declared length, if any.</param>
/// <param name="TransferEncoded">Whether Transfer-Encoding was sent (it wins over Content-Length).</param>
/// <param name="Chunked">Whether chunked is the last transfer coding.</param>
/// <param name="Close">Whether the worker closes the connection after this response.</param>
internal readonly record struct ResponseFraming(long? ContentLength, bool TransferEncoded, bool Chunked, bool Close);
