namespace JobGateway.Bench.Watching;

/// <summary>A job state a client received, and when (UTC, the same clock as the simulator's).</summary>
internal readonly record struct Receipt(string Status, bool IsTerminal, ulong Revision, DateTime ReceivedAt);
