using JobGateway.Simulator.Http;

namespace JobGateway.Simulator.Hosting;

/// <summary>A bug in the simulator still answers in Krea's error shape, so a client under test is not misled.</summary>
internal sealed partial class UnhandledErrorMiddleware(RequestDelegate next, ILogger<UnhandledErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
#pragma warning disable CA1031 // Any exception becomes a 500 answer; nothing is swallowed silently.
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.Unhandled(logger, context.Request.Method, context.Request.Path, e);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await ErrorResults.WriteAsync(context, StatusCodes.Status500InternalServerError, $"Simulator error: {e.Message}");
            }
        }
    }
}
