namespace JobGateway.Simulator.Hosting;

internal sealed partial class UnhandledErrorMiddleware
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 3, EventName = "UnhandledException", Level = LogLevel.Error, Message = "Unhandled exception serving {Method} {Path}")]
        public static partial void Unhandled(ILogger logger, string method, string path, Exception exception);
    }
}
