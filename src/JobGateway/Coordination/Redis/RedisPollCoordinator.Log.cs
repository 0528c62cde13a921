namespace JobGateway.Coordination.Redis;

internal sealed partial class RedisPollCoordinator
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 300, EventName = "RedisOperationFailed", Level = LogLevel.Warning,
            Message = "Redis {Operation} failed ({ErrorType}: {ErrorMessage}); coordinating locally until Redis answers")]
        public static partial void OperationFailed(ILogger logger, string operation, string errorType, string errorMessage);

        [LoggerMessage(EventId = 301, EventName = "RedisConnectionLost", Level = LogLevel.Warning,
            Message = "Redis {ConnectionType} connection lost ({FailureType}); polls continue locally")]
        public static partial void ConnectionLost(ILogger logger, StackExchange.Redis.ConnectionType connectionType, StackExchange.Redis.ConnectionFailureType failureType);

        [LoggerMessage(EventId = 302, EventName = "RedisReconnected", Level = LogLevel.Information,
            Message = "Redis {ConnectionType} connection restored; catching up every group")]
        public static partial void Reconnected(ILogger logger, StackExchange.Redis.ConnectionType connectionType);

        [LoggerMessage(EventId = 303, EventName = "StaleWriteRefused", Level = LogLevel.Information,
            Message = "Redis refused a state write for job {JobId} under epoch {Epoch}: a newer lease was granted")]
        public static partial void StaleWriteRefused(ILogger logger, string jobId, long epoch);

        [LoggerMessage(EventId = 304, EventName = "BadGroupMessage", Level = LogLevel.Warning,
            Message = "Ignored an unreadable message on the channel of job {JobId}: {Reason}")]
        public static partial void BadMessage(ILogger logger, string jobId, string reason);
    }
}
