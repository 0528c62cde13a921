namespace JobGateway.Bench.Reporting.Results;

/// <summary>
/// One change of one job: its poll-interval part, its fan-out to the median and the last client, and the
/// CPU the gateway replicas, the client and everything else on the machine used during that fan-out
/// (sampled every 20 ms, so short windows are rounded up to whole samples).
/// </summary>
internal sealed record ChangeResult(
    int Job,
    string Status,
    DateTime SetAt,
    double PollMs,
    int Deliveries,
    double FanoutMedianMs,
    double FanoutLastClientMs,
    double GatewayCpuMs,
    double ClientCpuMs,
    double OtherProcessesCores);
