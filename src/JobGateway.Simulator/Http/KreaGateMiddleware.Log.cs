using JobGateway.Simulator.Counting;

namespace JobGateway.Simulator.Http;

internal sealed partial class KreaGateMiddleware
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 10, EventName = "FaultInjected", Level = LogLevel.Debug,
            Message = "Injected fault on {Route}: status {Status}, drop {Drop}, latency {Latency}")]
        public static partial void FaultInjected(ILogger logger, KreaRoute route, int? status, bool drop, TimeSpan latency);

        [LoggerMessage(EventId = 11, EventName = "Unauthorized", Level = LogLevel.Debug, Message = "Refused {Route}: {Reason}")]
        public static partial void Unauthorized(ILogger logger, KreaRoute route, string reason);
    }
}
