using JobGateway.Bench.Baseline;

namespace JobGateway.Bench.Scenarios;

internal sealed record BaselineOutcome(IReadOnlyList<JobRun> Jobs, IReadOnlyList<RestPoller> Pollers, PhaseTimes Times, bool TimedOut);
