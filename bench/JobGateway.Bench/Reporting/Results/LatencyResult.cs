namespace JobGateway.Bench.Reporting.Results;

/// <summary>
/// Change-to-client latency, split at the moment the simulator first served the change:
/// <see cref="PollInterval"/> before it (one sample per change), <see cref="Fanout"/> after it (one per
/// client and change). <see cref="FanoutLastClient"/>: per change, the fan-out to the last client.
/// </summary>
/// <param name="CrossReplicaHopP99Ms">p99 fan-out of the replicas that did not poll minus that of the one that did.</param>
/// <param name="Unmatched">Receipts that matched no served change (should be 0).</param>
/// <param name="ChangesNotPolled">Changes no poll saw (a step shorter than the interval plus poll lateness); their clients get the next state instead.</param>
/// <param name="MissedDeliveries">Client-change pairs where the change was polled but the client never received it (conflation behind a slow reader).</param>
internal sealed record LatencyResult(
    LatencySummary Total,
    LatencySummary PollInterval,
    LatencySummary Fanout,
    LatencySummary FanoutLastClient,
    IReadOnlyList<ReplicaFanout> FanoutByReplica,
    double? CrossReplicaHopP50Ms,
    double? CrossReplicaHopP99Ms,
    LatencySummary? BaselineTotal,
    int Deliveries,
    int Unmatched,
    int ChangesNotPolled,
    int MissedDeliveries);
