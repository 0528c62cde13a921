using System.Globalization;
using JobGateway.Simulator.Counting;

namespace JobGateway.Simulator.Http;

/// <summary>
/// In front of every Krea route, in this order: count the request on arrival, apply any
/// injected fault, authenticate the bearer token. Control routes pass straight through.
/// </summary>
internal sealed partial class KreaGateMiddleware(
    RequestDelegate next,
    SimulatorEngine engine,
    BearerAuthenticator authenticator,
    IHostApplicationLifetime lifetime,
    ILogger<KreaGateMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<KreaRouteMetadata>() is not { } route)
        {
            await next(context);
            return;
        }

        Guid? jobId = route.HasJobId && JobIds.TryParse(context.Request.RouteValues["id"] as string, out var id) ? id : null;
        engine.Counters.Count(route.Route, jobId);

        if (engine.Faults.Take(jobId) is { } fault && await ApplyFaultAsync(context, route.Route, fault, jobId))
        {
            return;
        }

        var workspace = authenticator.Authenticate(context.Request.Headers.Authorization, out var error);
        if (workspace is null)
        {
            Log.Unauthorized(logger, route.Route, error);
            await ErrorResults.WriteAsync(context, StatusCodes.Status401Unauthorized, error);
            return;
        }

        context.Features.Set(new WorkspaceFeature(workspace));
        await next(context);
    }

    /// <returns>True when the fault answered the request; false when it only added latency.</returns>
    private async Task<bool> ApplyFaultAsync(HttpContext context, KreaRoute route, FaultSpec fault, Guid? jobId)
    {
        Log.FaultInjected(logger, route, fault.Status, fault.Drop, fault.Latency);
        if (fault.Latency > TimeSpan.Zero)
        {
            // Stopping the host must not wait for a delay that only a test's fake clock can end.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(fault.Latency, engine.TimeProvider, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                if (context.RequestAborted.IsCancellationRequested)
                {
                    engine.Counters.CountAborted(jobId);
                }

                context.Abort();
                return true;
            }
        }

        if (fault.Drop)
        {
            context.Abort();
            return true;
        }

        if (fault.Status is not { } status)
        {
            return false;
        }

        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        await ErrorResults.WriteAsync(context, status, fault.Error ?? DefaultMessage(status, fault.RetryAfterSeconds));
        return true;
    }

    private static string DefaultMessage(int status, int? retryAfterSeconds)
    {
        var what = status switch
        {
            StatusCodes.Status402PaymentRequired => "Insufficient credits",
            StatusCodes.Status429TooManyRequests => "Too many concurrent jobs",
            StatusCodes.Status500InternalServerError => "Internal server error",
            StatusCodes.Status502BadGateway => "Bad gateway",
            StatusCodes.Status503ServiceUnavailable => "Service unavailable",
            StatusCodes.Status504GatewayTimeout => "Gateway timeout",
            _ => $"HTTP {status}",
        };
        var retry = retryAfterSeconds is { } seconds ? $"; retry after {seconds} s" : string.Empty;
        return $"{what} (simulated fault{retry})";
    }
}
