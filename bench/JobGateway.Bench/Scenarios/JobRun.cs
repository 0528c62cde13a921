using JobGateway.Bench.Upstream;

namespace JobGateway.Bench.Scenarios;

/// <summary>One simulated job of a phase, and what the simulator recorded about it afterwards.</summary>
internal sealed class JobRun(int index, string jobId, LifecycleScript script)
{
    public int Index { get; } = index;

    public string JobId { get; } = jobId;

    public LifecycleScript Script { get; } = script;

    public IReadOnlyList<TimelineEntry> Timeline { get; set; } = [];

    /// <summary><c>GET /jobs/{id}</c> requests the simulator counted for this job.</summary>
    public long Gets { get; set; }

    public async Task CollectAsync(SimulatorClient simulator, CancellationToken cancellationToken)
    {
        Timeline = await simulator.GetTimelineAsync(JobId, cancellationToken);
        Gets = await simulator.GetJobGetsAsync(JobId, cancellationToken);
    }
}
