namespace JobGateway.Simulator;

public sealed partial class SimulatorHost
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "Listening", Level = LogLevel.Information,
            Message = "Krea simulator listening on {BaseAddress} (HTTP/1.1 and h2c), {WorkspaceCount} tokens, control API under /_control")]
        public static partial void Listening(ILogger logger, Uri baseAddress, int workspaceCount);

        [LoggerMessage(EventId = 2, EventName = "NotLoopback", Level = LogLevel.Warning,
            Message = "The simulator listens on {Address}, not only on loopback: anyone who reaches it can use the unauthenticated control API")]
        public static partial void NotLoopback(ILogger logger, string address);
    }
}
