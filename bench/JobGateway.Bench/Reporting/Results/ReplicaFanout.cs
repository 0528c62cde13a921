namespace JobGateway.Bench.Reporting.Results;

/// <param name="Holder">This replica polled (held the leases); the others received changes through Redis.</param>
internal sealed record ReplicaFanout(int Replica, bool Holder, LatencySummary Fanout, LatencySummary Total);
