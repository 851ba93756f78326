using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Eyrie.Service;

/// <summary>The version of the systemd on this machine, from <c>systemctl --version</c>.</summary>
internal static partial class SystemdVersion
{
    /// <summary>The version, or null when systemctl is missing or says something else.</summary>
    public static int? Detect()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("systemctl", "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? Parse(text) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Reads "systemd 252 (252.38-1~deb12u1)", the first line of <c>systemctl --version</c>.</summary>
    public static int? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = VersionLine().Match(text);
        return match.Success && int.TryParse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    [GeneratedRegex(@"^systemd (?<version>\d+)\b", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
