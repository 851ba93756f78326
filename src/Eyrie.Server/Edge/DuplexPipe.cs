using System.IO.Pipelines;

namespace Eyrie.Server.Edge;

/// <summary>A connection's transport with one side replaced.</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
