using JobGateway.Upstream;
using Microsoft.Extensions.Options;

namespace JobGateway.Security;

/// <summary>Says at every start how callers are authenticated, and warns loudly about the mesh opt-out.</summary>
internal sealed partial class CallerAuthStartupReport(
    IOptions<CallerAuthOptions> auth,
    IOptions<UpstreamOptions> upstream,
    ILogger<CallerAuthStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(upstream.Value.ApiKey))
        {
            Log.PassThrough(logger);
        }
        else if (auth.Value.Mode == CallerAuthMode.None)
        {
            Log.UnauthenticatedCallers(logger);
        }
        else
        {
            Log.CallersAuthenticate(logger, auth.Value.Mode);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, EventName = "CallerTokensPassedThrough", Level = LogLevel.Information,
            Message = "Callers authenticate with their own upstream tokens (no Upstream:ApiKey): each call's 'authorization' is passed through")]
        public static partial void PassThrough(ILogger logger);

        [LoggerMessage(EventId = 501, EventName = "UnauthenticatedCallersAllowed", Level = LogLevel.Critical,
            Message = "Auth:AllowUnauthenticatedCallers is on while the gateway holds Upstream:ApiKey: ANY caller that reaches this gateway spends that key. Only safe where the mesh authenticates callers (mTLS)")]
        public static partial void UnauthenticatedCallers(ILogger logger);

        [LoggerMessage(EventId = 502, EventName = "CallersAuthenticate", Level = LogLevel.Information,
            Message = "The gateway holds the upstream key; callers authenticate with {Mode}, and poll groups are partitioned per caller")]
        public static partial void CallersAuthenticate(ILogger logger, CallerAuthMode mode);
    }
}
