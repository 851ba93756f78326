using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Eyrie.Tests.Common;

namespace Eyrie.FunctionalTests.Infrastructure;

/// <summary>The `eyrie` program run as its own process, as an operator runs it.</summary>
internal sealed partial class EyrieProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ITestOutputHelper? _output;
    private readonly Task _pumps;

    private EyrieProcess(Process process, ITestOutputHelper? output)
    {
        _process = process;
        _output = output;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public IEnumerable<string> Lines => _lines;

    public string Text => string.Join('\n', _lines);

    public static EyrieProcess Start(ITestOutputHelper? output, params string[] arguments) =>
        Start(output, new Dictionary<string, string?>(), arguments);

    /// <summary>Starts `eyrie` with extra environment variables (a null value removes one).</summary>
    public static EyrieProcess Start(ITestOutputHelper? output, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        StartUnder(output, [], environment, arguments);

    /// <summary>
    /// Runs `eyrie` through <paramref name="launcher"/> (a program and its arguments, e.g. unshare), which must
    /// exec the command that follows it, so that <see cref="ProcessId"/> stays Eyrie's.
    /// </summary>
    public static EyrieProcess StartUnder(ITestOutputHelper? output, IReadOnlyList<string> launcher, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var part in launcher.Skip(1).Concat(launcher.Count > 0 ? ["dotnet"] : []))
        {
            startInfo.ArgumentList.Add(part);
        }

        startInfo.ArgumentList.Add(TestAssets.EyrieCli);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["NO_COLOR"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        // Not under systemd unless a test says so, even when the test run itself is a systemd service.
        startInfo.Environment.Remove("NOTIFY_SOCKET");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return new EyrieProcess(Process.Start(startInfo)!, output);
    }

    /// <summary>Runs `eyrie` to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ITestOutputHelper? output, params string[] arguments)
    {
        await using var process = Start(output, arguments);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Text);
    }

    /// <summary>
    /// Waits until Eyrie runs (its listeners and its admin socket are up: the `eyrie` commands reach it) and returns
    /// the first listener's port.
    /// </summary>
    public async Task<int> WaitForListeningAsync()
    {
        int? port = null;
        await Poll.UntilAsync(() =>
        {
            port = _lines.Select(l => ListeningLine().Match(l)).Where(m => m.Success)
                .Select(m => (int?)int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture)).FirstOrDefault();
            var running = _lines.Any(l => l.Contains("Eyrie is running; admin API on unix:", StringComparison.Ordinal));
            return (port is not null && running) || _process.HasExited;
        }, "eyrie listens and its admin API is up", TimeSpan.FromSeconds(60));
        return port ?? throw new InvalidOperationException("eyrie exited before listening:\n" + Text);
    }

    public void Signal(int signal) => _ = Kill(_process.Id, signal);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        await _pumps;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _pumps;
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _lines.Enqueue(line);
            try
            {
                _output?.WriteLine("eyrie> " + line);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Listening on https?://\S+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
