namespace JobGateway.Simulator.Http;

internal sealed partial class KreaApi
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 20, EventName = "JobCreated", Level = LogLevel.Debug,
            Message = "Created job {JobId} in workspace {Workspace} for {Vendor}/{Model}")]
        public static partial void JobCreated(ILogger logger, Guid jobId, string workspace, string vendor, string model);

        [LoggerMessage(EventId = 21, EventName = "JobCancelled", Level = LogLevel.Debug, Message = "Cancelled job {JobId}")]
        public static partial void JobCancelled(ILogger logger, Guid jobId);
    }
}
