using System.Buffers;
using System.IO.Pipelines;

namespace Eyrie.Server.Edge;

/// <summary>
/// The input of an HTTP/1.1 connection as Kestrel reads it, with every byte passed through an
/// <see cref="Http1RequestValidator"/> before Kestrel sees it. Acceptable bytes are handed over untouched
/// (the same buffers, no copy). At a violation Kestrel gets the bytes before it followed by the validator's
/// refusal bytes and the end of input, so Kestrel's own parser answers 400 and closes the connection,
/// whatever it was reading: nothing after the violation is ever parsed.
/// </summary>
internal sealed class ValidatingPipeReader(PipeReader inner, Http1RequestValidator validator) : PipeReader
{
    private ReadOnlySequence<byte> _handedOut;

    /// <summary>How many bytes at the start of the inner reader's unconsumed data were already validated.</summary>
    private long _validated;

    /// <summary>After a violation: what is left of the refusal Kestrel reads instead of the connection.</summary>
    private ReadOnlySequence<byte>? _refusal;

    public string? Violation => validator.Violation;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_refusal is { } refusal)
        {
            return new ReadResult(refusal, isCanceled: false, isCompleted: true);
        }

        return Inspect(await inner.ReadAsync(cancellationToken).ConfigureAwait(false));
    }

    public override bool TryRead(out ReadResult result)
    {
        if (_refusal is { } refusal)
        {
            result = new ReadResult(refusal, isCanceled: false, isCompleted: true);
            return true;
        }

        if (!inner.TryRead(out var read))
        {
            result = default;
            return false;
        }

        result = Inspect(read);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_refusal is { } refusal)
        {
            _refusal = refusal.Slice(consumed);
            return;
        }

        _validated -= _handedOut.Slice(0, consumed).Length;
        _handedOut = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private ReadResult Inspect(ReadResult result)
    {
        var buffer = result.Buffer;
        if (buffer.Length > _validated)
        {
            var fresh = buffer.Slice(_validated);
            var accepted = validator.Feed(fresh);
            if (accepted < fresh.Length)
            {
                return Refuse(buffer, _validated + accepted);
            }

            _validated = buffer.Length;
        }

        _handedOut = buffer;
        return result;
    }

    private ReadResult Refuse(ReadOnlySequence<byte> buffer, long acceptedLength)
    {
        // A copy, once per refused connection: the inner buffer is released (nothing consumed) and never read again.
        var refusalBytes = validator.RefusalBytes;
        var bytes = new byte[acceptedLength + refusalBytes.Length];
        buffer.Slice(0, acceptedLength).CopyTo(bytes);
        refusalBytes.CopyTo(bytes.AsSpan((int)acceptedLength));
        inner.AdvanceTo(buffer.Start, buffer.End);
        var refusal = new ReadOnlySequence<byte>(bytes);
        _refusal = refusal;
        return new ReadResult(refusal, isCanceled: false, isCompleted: true);
    }
}
