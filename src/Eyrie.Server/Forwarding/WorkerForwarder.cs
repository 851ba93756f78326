using System.Collections.Concurrent;
using System.Net;
using Eyrie.Configuration.WebConfig;
using Eyrie.Processes.Launching;
using Eyrie.Processes.Pools;
using Eyrie.Processes.Workers;
using Eyrie.Server.Errors;
using Eyrie.Server.Forwarding.Http1;
using Eyrie.Server.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Eyrie.Server.Forwarding;

/// <summary>
/// Forwards a request to a ready worker of its application's pool with YARP's forwarder, and turns
/// every way that can fail into ANCM's answer (iis-ancm.md §2.7, §2.16): 502.5 when no worker could
/// start, 502.3 when forwarding to a worker failed, 503 with app_offline.htm's bytes, 500.19 for an
/// invalid web.config.
/// </summary>
public sealed partial class WorkerForwarder(IHttpForwarder forwarder, ForwardingClient client, Http1Forwarder http1, WorkerLauncher launcher, ILogger<WorkerForwarder> logger)
{
    private readonly ConcurrentDictionary<TimeSpan, ForwarderRequestConfig> _requestConfigs = new();

    public async Task ForwardAsync(EdgeRequest request, WorkerPool pool)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = request.HttpContext;
        ArgumentNullException.ThrowIfNull(pool);
        AcquireResult result;
        try
        {
            result = await pool.AcquireAsync(context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while the app was starting; ANCM logs this as 400.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (result.Outcome == AcquireOutcome.Ready)
        {
            await SendAsync(request, result.Worker!);
        }
        else
        {
            await WriteOutcomeAsync(request, result);
        }
    }

    /// <summary>Answers a request that got no worker: offline page, 502.5, 500.19 or 503 (or a closed connection, at TCP level).</summary>
    private Task WriteOutcomeAsync(EdgeRequest request, AcquireResult result)
    {
        var context = request.HttpContext;
        if (result.RefuseAtTcpLevel)
        {
            // IIS's loadBalancerCapabilities TcpLevel: a load balancer in front sees a dead server, not an answer.
            context.Abort();
            return Task.CompletedTask;
        }

        switch (result.Outcome)
        {
            case AcquireOutcome.Offline:
                return WriteAppOfflineAsync(context, result.OfflinePage!);
            case AcquireOutcome.StartupFailed:
                return WriteStartupFailureAsync(request, result.Failure!, result.Settings);
            case AcquireOutcome.ConfigurationInvalid:
                return WriteConfigurationErrorAsync(request, result.Failure!);
            case AcquireOutcome.QueueFull:
                request.SubStatus = 2;
                return ErrorPages.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "HTTP Error 503.2 - Service Unavailable", "Too many requests wait for the application to start; try again shortly.", null, ErrorOrigin.Fixed);
            case AcquireOutcome.Unavailable:
                return ErrorPages.PoolUnavailableAsync(context, result.Failure?.Message);
            default:
                return ErrorPages.ServiceUnavailableAsync(context, "The application is shutting down.");
        }
    }

    private async Task SendAsync(EdgeRequest request, Worker worker)
    {
        // No retry on another worker: a failure can follow a request the app already received (the HTTP
        // client itself retries on a fresh connection when a pooled one dies mid-request), and replaying it
        // could run it twice. ANCM answers 502.3 here too.
        // The pool counted the request on the worker when it handed it out.
        request.Worker = worker;
        ForwardOutcome outcome;
        try
        {
            // Plain requests take Eyrie's lean HTTP/1.1 path; upgrades go through YARP, which tunnels them.
            outcome = Http1Forwarder.CanForward(request.HttpContext)
                ? await http1.ForwardAsync(request, worker)
                : await SendWithYarpAsync(request.HttpContext, worker);
        }
        finally
        {
            worker.OnRequestEnd();
        }

        if (outcome.Error != ForwarderError.None)
        {
            await HandleForwardingErrorAsync(request, worker, outcome.Error, outcome.Exception);
        }
        else if (request.ReplacedBy is { } page)
        {
            request.ReplacedBy = null;
            // httpErrors existingResponse="Replace": the app's error body was not copied; the custom page answers instead.
            var status = request.HttpContext.Response.StatusCode;
            if (!await ErrorPages.TryWriteCustomAsync(request, page, status))
            {
                request.HttpContext.Response.StatusCode = status;
            }
        }
    }

    private async Task<ForwardOutcome> SendWithYarpAsync(HttpContext context, Worker worker)
    {
        var error = await forwarder.SendAsync(context, worker.DestinationPrefix, client.Invoker, RequestConfig(worker.Settings), AncmRequestTransformer.Instance);
        return new ForwardOutcome(error, error == ForwarderError.None ? null : context.Features.Get<IForwarderErrorFeature>()?.Exception);
    }

    private async Task HandleForwardingErrorAsync(EdgeRequest request, Worker worker, ForwarderError error, Exception? exception)
    {
        var context = request.HttpContext;
        if (error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled)
        {
            // The client went away; YARP already stopped the backend request.
            LogClientDisconnected(logger, worker.ToString(), error);
            return;
        }

        if (error is ForwarderError.RequestBodyClient)
        {
            // The client's body failed: too large for requestLimits (413.1, cut at the limit while streaming),
            // or badly framed (400). Its fault, not the app's; the connection cannot carry another request.
            LogClientBodyFailed(logger, context.Request.Path.Value, ForwardingFailure.Find<BadHttpRequestException>(exception)?.Message ?? exception?.Message ?? "");
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.Headers.Connection = "close";
                if (ForwardingFailure.Find<BadHttpRequestException>(exception) is { StatusCode: StatusCodes.Status413PayloadTooLarge })
                {
                    request.SubStatus = 1;
                    await DenialPages.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, 1);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                }
            }

            return;
        }

        var reason = ForwardingFailure.Describe(error, exception, "requestTimeout");
        LogForwardingFailed(logger, worker.ToString(), context.Request.Path.Value, error, reason);
        if (context.Response.HasStarted)
        {
            // Headers are gone: YARP aborted the client connection so a truncated body cannot pass for a complete one.
            return;
        }

        context.Response.Clear();
        request.SubStatus = 3;
        await ErrorPages.WriteAsync(context, StatusCodes.Status502BadGateway, "HTTP Error 502.3 - Bad Gateway",
            "The application did not answer this request: " + reason, null, ErrorOrigin.Module);
    }

    private static async Task WriteAppOfflineAsync(HttpContext context, byte[] page)
    {
        // As ANCM: 503, text/html, the file's exact bytes, no charset added.
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/html";
        context.Response.ContentLength = page.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(page, context.RequestAborted);
        }
    }

    private Task WriteStartupFailureAsync(EdgeRequest request, WorkerFailure failure, AspNetCoreSettings? settings)
    {
        var context = request.HttpContext;
        request.SubStatus = 5;
        if (settings?.DisableStartUpErrorPage == true)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        }

        var details = new List<(string, string)>();
        if (DetailedErrorPolicy.IsEnabled(launcher.BaseEnvironment, settings))
        {
            details.Add(("What happened", failure.Message));
            if (failure.CommandLine is not null)
            {
                details.Add(("Command line", failure.CommandLine));
            }

            if (!string.IsNullOrEmpty(failure.Output))
            {
                details.Add(("Output of the process", failure.Output));
            }
        }
        else
        {
            details.Add(("What to do", "Set ASPNETCORE_ENVIRONMENT=Development (or ASPNETCORE_DETAILEDERRORS=1) for the app to see the reason and the app's output here; Eyrie's log always has them."));
        }

        return ErrorPages.WriteAsync(context, StatusCodes.Status502BadGateway, "HTTP Error 502.5 - ANCM Out-Of-Process Startup Failure",
            "The application process failed to start, started but then stopped, or started but failed to listen on the configured port.", details, ErrorOrigin.Module);
    }

    private static Task WriteConfigurationErrorAsync(EdgeRequest request, WorkerFailure failure)
    {
        request.SubStatus = 19;
        return ErrorPages.ConfigurationErrorAsync(request.HttpContext, failure.Message);
    }

    private ForwarderRequestConfig RequestConfig(AspNetCoreSettings settings) =>
        _requestConfigs.GetOrAdd(settings.RequestTimeout, static timeout => new ForwarderRequestConfig
        {
            // requestTimeout is ANCM's per-operation (inactivity) timeout; 0 means no limit.
            ActivityTimeout = timeout == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        });

    [LoggerMessage(EventId = EventIds.ForwardingFailed, Level = LogLevel.Warning, Message = "Forwarding {Path} to {Worker} failed ({Error}): {Reason}")]
    private static partial void LogForwardingFailed(ILogger logger, string worker, string? path, ForwarderError error, string reason);

    [LoggerMessage(EventId = EventIds.ClientBodyFailed, Level = LogLevel.Debug, Message = "The request body of {Path} was refused: {Reason}")]
    private static partial void LogClientBodyFailed(ILogger logger, string? path, string reason);

    [LoggerMessage(EventId = EventIds.ClientDisconnected, Level = LogLevel.Debug, Message = "The client disconnected during a request to {Worker} ({Error})")]
    private static partial void LogClientDisconnected(ILogger logger, string worker, ForwarderError error);
}
