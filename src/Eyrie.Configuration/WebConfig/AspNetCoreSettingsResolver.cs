using Eyrie.Configuration.Diagnostics;
using Eyrie.Configuration.Model;

namespace Eyrie.Configuration.WebConfig;

/// <summary>
/// Computes an application's effective <see cref="AspNetCoreSettings"/>: IIS defaults, then the app's
/// web.config, then eyrie.json's overrides. Used when a config is validated and again each time a worker
/// starts, so that an edited web.config is honoured.
/// </summary>
public static class AspNetCoreSettingsResolver
{
    public static AspNetCoreSettings? Resolve(string physicalPath, AspNetCoreConfig? overrides, DiagnosticBag diagnostics) =>
        Resolve(physicalPath, overrides, diagnostics, out _);

    /// <param name="file">The web.config read, if there was one (its security sections are for the front end).</param>
    public static AspNetCoreSettings? Resolve(string physicalPath, AspNetCoreConfig? overrides, DiagnosticBag diagnostics, out WebConfigFile? file)
    {
        ArgumentNullException.ThrowIfNull(physicalPath);
        ArgumentNullException.ThrowIfNull(diagnostics);
        file = null;
        var webConfigPath = Path.Combine(physicalPath, WebConfigReader.FileName);
        AspNetCoreSettings settings;
        if (!File.Exists(webConfigPath) && !string.IsNullOrEmpty(overrides?.ProcessPath))
        {
            // eyrie.json says how to start the app; a web.config is not needed.
            settings = new AspNetCoreSettings();
        }
        else
        {
            var errorsBefore = diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error);
            file = WebConfigReader.Read(webConfigPath, diagnostics);
            if (file is null || diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore)
            {
                return null;
            }

            if (file.AspNetCore is null && string.IsNullOrEmpty(overrides?.ProcessPath))
            {
                diagnostics.Error(SourceLocation.InFile(file.Path), "system.webServer/aspNetCore",
                    "web.config has no <aspNetCore> element, so there is no process to start; publish the app with dotnet publish or set aspNetCore.processPath in eyrie.json");
                return null;
            }

            settings = file.AspNetCore ?? new AspNetCoreSettings { Origin = SourceLocation.InFile(file.Path) };
        }

        var effective = settings.WithOverrides(overrides);
        if (string.IsNullOrWhiteSpace(effective.ProcessPath))
        {
            diagnostics.Error(effective.Origin, "system.webServer/aspNetCore/@processPath", "required attribute 'processPath' is missing or empty");
            return null;
        }

        return effective;
    }
}
