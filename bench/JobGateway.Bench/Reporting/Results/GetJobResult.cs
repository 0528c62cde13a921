namespace JobGateway.Bench.Reporting.Results;

/// <summary>The JSON result of a GetJob run.</summary>
/// <param name="UpstreamGetsDuringGateway">Upstream GETs of the job while GetJob was driven: the warm-keeping watcher's polls only, when every call was served from the snapshot.</param>
internal sealed record GetJobResult(
    string Scenario,
    string Kind,
    DateTime StartedAt,
    double DurationSeconds,
    MachineInfo Machine,
    string LoadAverageAtEnd,
    IReadOnlyList<int> Concurrency,
    int Rounds,
    double RoundSeconds,
    double IntervalMs,
    IReadOnlyList<GetJobRow> Rows,
    IReadOnlyList<GetJobOverhead> Overhead,
    long GatewayCalls,
    long UpstreamGetsDuringGateway,
    IReadOnlyList<CheckResult> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);
}
