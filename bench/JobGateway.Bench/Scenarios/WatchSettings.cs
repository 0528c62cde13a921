namespace JobGateway.Bench.Scenarios;

/// <summary>The sizes of one watch run.</summary>
internal sealed record WatchSettings
{
    /// <summary>Names the result files.</summary>
    public required string Name { get; init; }

    public required int Replicas { get; init; }

    public required bool UseRedis { get; init; }

    public required int Jobs { get; init; }

    public required int WatchersPerJob { get; init; }

    /// <summary>Status changes per job after the bench advances it, the terminal one included.</summary>
    public required int Changes { get; init; }

    /// <summary>Also run the polling baseline (one REST poller per watcher) in the same invocation.</summary>
    public required bool Baseline { get; init; }

    /// <summary>How long every stream stays open before the first change (the memory plateau is measured here).</summary>
    public required TimeSpan Hold { get; init; }

    /// <summary>
    /// Before measuring, run a short lifecycle watched by up to 500 streams per replica: the gateway and the
    /// client then run their fan-out code compiled at the JIT's final tier, as a long-running gateway does.
    /// </summary>
    public required bool WarmUp { get; init; }

    /// <summary>Streams being opened at once.</summary>
    public required int ConnectParallelism { get; init; }

    public int Streams => Jobs * WatchersPerJob;
}
