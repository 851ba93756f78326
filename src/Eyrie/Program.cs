using System.CommandLine;
using Eyrie.Commands;

// The `eyrie` command line: a thin layer over Eyrie.Server. Signals (Ctrl+C, SIGTERM) are left to the
// generic host, which stops Eyrie gracefully; System.CommandLine's own handling would cut that short.
var root = EyrieCommandLine.Create();
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
