namespace JobGateway.Simulator.Lifecycle;

/// <summary>
/// Where a job's script stands: step <see cref="StepIndex"/> began at <see cref="StepStartedAt"/>,
/// unless <see cref="Pin"/> overrides the status (the script is then frozen at that step).
/// </summary>
internal sealed record JobTimeline(int StepIndex, DateTimeOffset StepStartedAt, JobPin? Pin);
