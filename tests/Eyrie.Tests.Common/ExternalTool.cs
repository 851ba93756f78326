using System.Diagnostics;
using Xunit;

namespace Eyrie.Tests.Common;

/// <summary>
/// Runs a tool installed beside the .NET SDK (openssl, curl, …). Where it is missing the test is skipped
/// with the reason, unless EYRIE_REQUIRE_TOOLS=1 (set by .ci/run, which installs them) makes that a failure.
/// </summary>
public static class ExternalTool
{
    public static string Require(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
        if (path is not null)
        {
            return path;
        }

        var message = $"'{name}' is not installed; .ci/run installs it (apt-get install {name})";
        if (Environment.GetEnvironmentVariable("EYRIE_REQUIRE_TOOLS") == "1")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return name;
    }

    /// <summary>Runs <paramref name="name"/> with its stdin closed and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string name, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var startInfo = new ProcessStartInfo(Require(name))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            // Never leave the tool running past the test.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish within {limit.TotalSeconds} s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
