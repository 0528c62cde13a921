using JobGateway.Bench.Watching;

namespace JobGateway.Bench.Scenarios;

/// <param name="WarmUpLifecycles">Unmeasured lifecycles run first, until the JIT went quiet (0 with --no-warm-up).</param>
/// <param name="LeasesHeld">Per replica, the poll leases it reported holding during the hold (its /metrics); null when it has no such metric.</param>
internal sealed record GatewayOutcome(
    IReadOnlyList<JobRun> Jobs,
    IReadOnlyList<Watcher> Watchers,
    PhaseTimes Times,
    int Connections,
    IReadOnlyList<double?> LeasesHeld,
    bool TimedOut,
    int WarmUpLifecycles);
