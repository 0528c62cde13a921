namespace JobGateway.Upstream;

internal sealed partial class KreaJobClient
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 100, EventName = "UpstreamRequestFailed", Level = LogLevel.Warning,
            Message = "Upstream {Method} for job {JobId} failed: {ErrorType}: {ErrorMessage}")]
        public static partial void RequestFailed(ILogger logger, string method, string jobId, string errorType, string errorMessage);

        [LoggerMessage(EventId = 101, EventName = "UpstreamRequestCancelled", Level = LogLevel.Debug,
            Message = "Upstream {Method} for job {JobId} cancelled: nobody waits for it any more")]
        public static partial void RequestCancelled(ILogger logger, string method, string jobId);
    }
}
