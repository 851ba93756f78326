using System.Net;
using System.Text.Json.Serialization;
using Eyrie.Configuration;
using Eyrie.Configuration.Paths;
using Eyrie.Processes.Output;
using Eyrie.Server.Admin;
using Eyrie.Server.Systemd;
using Eyrie.Server.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace Eyrie.Server.Hosting;

/// <summary>
/// The composition root of Eyrie, shared by the `eyrie` program and the tests. The host is a slim ASP.NET
/// Core application whose own Kestrel serves only the admin API, on a private Unix socket; the front end
/// runs its own listeners (<see cref="EdgeServer"/>).
/// </summary>
public static class EyrieApplication
{
    private const string DisableLineFeedTerminators = "Microsoft.AspNetCore.Server.Kestrel.DisableHttp1LineFeedTerminators";

    /// <exception cref="InvalidOperationException">Another Eyrie already runs this configuration.</exception>
    public static WebApplication Build(LoadedConfig configuration, EyrieApplicationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        options ??= new EyrieApplicationOptions();
        var socket = options.AdminSocket ?? AdminSocketPath.Resolve(configuration.Config.Admin, Identity(configuration), configuration.BaseDirectory);
        AdminSocket.Prepare(socket);

        // A bare LF never ends a line at the edge (hardening.md §1.3). Http1RequestValidator refuses it too;
        // the switch makes Kestrel agree wherever the validator is not in the path. Read when Kestrel first parses.
        AppContext.SetSwitch(DisableLineFeedTerminators, true);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });

        // Eyrie's own settings come from code and EYRIE_* variables only: not from the user's
        // appsettings.json or ASPNETCORE_URLS, which belong to the apps it hosts.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables("EYRIE_");
        var admin = configuration.Config.Admin;
        IPEndPoint? adminHttp = null;
        if (admin?.Listen is { } listen && !AdminListenAddress.TryParse(listen, out adminHttp, out var listenError))
        {
            throw new InvalidOperationException($"admin.listen: {listenError}");
        }

        var token = adminHttp is null ? null : AdminToken.LoadOrCreate(AdminTokenPath.Resolve(admin, socket, configuration.BaseDirectory));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenUnixSocket(socket);
            if (adminHttp is not null)
            {
                kestrel.Listen(adminHttp);
            }
        });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        var liveLog = new LiveLog(new WorkerOutputFeed(), TimeProvider.System);
        builder.Services.AddSingleton(liveLog.WorkerOutput);
        builder.Services.AddEyrie(configuration);
        if (options.UnderSystemd)
        {
            // What the library's AddSystemd registers, without its detection (see SystemdEnvironment) and its
            // console formatter (the CLI chooses the log format): READY=1 once the host has started, STOPPING=1
            // when the stop begins.
            builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }

        builder.Services.AddProblemDetails();

        // The admin API speaks to people and scripts: states by name ("Running"), not by number.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(new AdminSocketLocation(socket));
        builder.Services.AddSingleton<StatusReporter>();
        builder.Services.AddSingleton(liveLog);
        builder.Logging.AddProvider(new LiveLogProvider(liveLog));
        if (token is not null)
        {
            builder.Services.AddSingleton(token);
        }

        var app = builder.Build();

        // Created now, so that the counters count from the first request, not from the first scrape,
        // and the uptime from the start, not from the first status request.
        app.Services.GetRequiredService<MetricsCollector>();
        app.Services.GetRequiredService<StatusReporter>();

        // SIGHUP's default action ends the process: take it over before any port answers.
        app.Services.GetRequiredService<ConfigurationReloader>().ListenForHangup();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (token is not null)
        {
            app.UseMiddleware<AdminAccessMiddleware>();
        }

        app.MapEyrieAdmin();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            AdminSocket.Restrict(socket);
            var adminLogger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminEndpoints).FullName!);
            AdminLog.Ready(adminLogger, socket);
            if (token is not null)
            {
                AdminLog.Dashboard(adminLogger, app.Urls.FirstOrDefault(u => u.StartsWith("http:", StringComparison.Ordinal) && !u.Contains("unix:", StringComparison.Ordinal)) ?? adminHttp!.ToString(), token.FilePath);
            }
        });
        var systemd = app.Services.GetRequiredService<SystemdNotifications>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            systemd.Started();

            // Registered now, after the library's SystemdLifetime, so it runs before the library sends STOPPING=1.
            app.Lifetime.ApplicationStopping.Register(systemd.Stopping);
        });
        app.Lifetime.ApplicationStopped.Register(() => File.Delete(socket));
        return app;
    }

    /// <summary>What names this Eyrie for its default admin socket: its configuration file, or the apps of `eyrie host`.</summary>
    public static string Identity(LoadedConfig configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.FilePath ?? "host:" + string.Join(';', configuration.Config.Sites
            .SelectMany(s => s.Bindings.Select(b => $"{b.Address}:{b.Port}").Concat(s.Applications.Select(a => configuration.ResolvePath(a.PhysicalPath ?? "")))));
    }
}
