using JobGateway.Upstream;

namespace JobGateway.Polling;

internal sealed partial class PollGroup
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 200, EventName = "LeaseAcquired", Level = LogLevel.Debug, Message = "Took the poll lease of job {JobId} (epoch {Epoch})")]
        public static partial void LeaseAcquired(ILogger logger, string jobId, long epoch);

        [LoggerMessage(EventId = 201, EventName = "LeaseLost", Level = LogLevel.Information, Message = "Lost the poll lease of job {JobId} (epoch {Epoch}); another replica polls it now")]
        public static partial void LeaseLost(ILogger logger, string jobId, long epoch);

        [LoggerMessage(EventId = 202, EventName = "LeaseReleased", Level = LogLevel.Debug, Message = "Released the poll lease of job {JobId} (epoch {Epoch})")]
        public static partial void LeaseReleased(ILogger logger, string jobId, long epoch);

        [LoggerMessage(EventId = 203, EventName = "LeaseReleaseFailed", Level = LogLevel.Warning, Message = "Could not release the poll lease of job {JobId} ({Reason}); it expires by itself")]
        public static partial void LeaseReleaseFailed(ILogger logger, string jobId, string reason);

        [LoggerMessage(EventId = 204, EventName = "PollFailed", Level = LogLevel.Warning, Message = "Poll of job {JobId} failed ({Kind}): {Reason}")]
        public static partial void PollFailed(ILogger logger, string jobId, UpstreamFailureKind kind, string reason);

        [LoggerMessage(EventId = 205, EventName = "PollLoopFailed", Level = LogLevel.Error, Message = "The poll loop of job {JobId} failed")]
        public static partial void LoopFailed(ILogger logger, Exception exception, string jobId);
    }
}
