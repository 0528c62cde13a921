namespace JobGateway.Polling;

/// <summary>The shared poller's schedule, leases and limits (configuration section <c>Polling</c>).</summary>
public sealed class PollingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Polling";

    /// <summary>Poll interval while a job changes. Default 2 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap of the interval, which grows while nothing changes. Default 30 s.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Factor by which the interval grows after each poll that saw no change. Default 1.5.</summary>
    public double BackoffFactor { get; set; } = 1.5;

    /// <summary>Lifetime of a poll lease; renewed every third of it. Default 6 s.</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a group with no watchers keeps its lease and snapshot (without polling) before it is freed. Default 5 s.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a finished job is answered from its retained terminal snapshot. Default 10 min.</summary>
    public TimeSpan TerminalRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A job still pending this long after its first poll ends its watches with DEADLINE_EXCEEDED. Default 2 h 10 min.</summary>
    public TimeSpan WatchLimit { get; set; } = TimeSpan.FromMinutes(130);

    /// <summary>Concurrent watches one credential may hold in this process. Default 1,000.</summary>
    public int MaxWatchesPerCaller { get; set; } = 1_000;

    /// <summary>Concurrent watches this process holds in all. Default 20,000.</summary>
    public int MaxWatches { get; set; } = 20_000;

    /// <summary>How often a lease is renewed (and non-holders re-read the state): a third of <see cref="LeaseTtl"/>.</summary>
    internal TimeSpan LeaseRenewInterval => LeaseTtl / 3;

    /// <summary>
    /// How long a group's state is kept: a finished job for <see cref="TerminalRetention"/>; a pending one
    /// for <see cref="WatchLimit"/>, so a client may resume any time within it without revisions restarting.
    /// </summary>
    internal TimeSpan RetentionOf(Coordination.GroupState state) =>
        state.Job is { } job && JobStates.IsTerminal(job.State) ? TerminalRetention : WatchLimit;
}
