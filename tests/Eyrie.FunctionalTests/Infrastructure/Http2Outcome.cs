namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>How the server answered one HTTP/2 request: a status, a reset stream or a closed connection (with the error code).</summary>
internal sealed record Http2Outcome(int? Status, int? StreamError, int? ConnectionError)
{
    /// <summary>The request was refused: 400, or the stream or connection ended with an error.</summary>
    public bool IsRejected => Status == 400 || StreamError is not null || ConnectionError is > 0;

    public override string ToString() =>
        Status is { } status ? $"status {status}" : StreamError is { } stream ? $"RST_STREAM {stream}" : $"GOAWAY {ConnectionError}";
}
