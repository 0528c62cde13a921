namespace JobGateway.Simulator.Control;

internal sealed partial class ControlApi
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 30, EventName = "CountersReset", Level = LogLevel.Information, Message = "Counters reset")]
        public static partial void CountersReset(ILogger logger);

        [LoggerMessage(EventId = 31, EventName = "FaultSet", Level = LogLevel.Information,
            Message = "Fault set for {Target}: status {Status}, count {Count}, rate {Rate}, latency {LatencyMs} ms, drop {Drop}")]
        public static partial void FaultSet(ILogger logger, string target, int? status, int? count, double? rate, double latencyMs, bool drop);

        [LoggerMessage(EventId = 32, EventName = "FaultCleared", Level = LogLevel.Information, Message = "Fault cleared for {Target}")]
        public static partial void FaultCleared(ILogger logger, string target);

        [LoggerMessage(EventId = 33, EventName = "JobAdvanced", Level = LogLevel.Information, Message = "Job {JobId} advanced to {Status}")]
        public static partial void Advanced(ILogger logger, Guid jobId, string status);

        [LoggerMessage(EventId = 34, EventName = "StatusSet", Level = LogLevel.Information, Message = "Job {JobId} set to {Status}")]
        public static partial void StatusSet(ILogger logger, Guid jobId, string status);
    }
}
