namespace JobGateway.Bench.Reporting.Results;

/// <summary>The JSON result of a watch run.</summary>
internal sealed record WatchResult(
    string Scenario,
    string Kind,
    DateTime StartedAt,
    double DurationSeconds,
    MachineInfo Machine,
    string LoadAverageAtEnd,
    WatchRunSettings Settings,
    IReadOnlyList<string> Lifecycles,
    DedupeResult Dedupe,
    LatencyResult Latency,
    IReadOnlyList<ReplicaResult> Replicas,
    ProcessUse Simulator,
    ProcessUse? Redis,
    ProcessUse Client,
    PhaseSeconds Phases,
    FanoutCost FanoutCost,
    IReadOnlyList<ChangeResult> Changes,
    IReadOnlyList<CheckResult> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}
