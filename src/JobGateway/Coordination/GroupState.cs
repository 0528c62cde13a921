using JobGateway.V1;

namespace JobGateway.Coordination;

/// <summary>
/// What the cluster knows of one poll group: the latest job, its revision and the poll schedule.
/// Written only by the lease holder (fenced by <see cref="Epoch"/>); immutable once written.
/// </summary>
/// <param name="Sequence">Grows by one with every write, successful poll or not; orders states.</param>
/// <param name="Job">The latest job with <see cref="Job.Revision"/> set; null until a poll succeeds. Never mutated.</param>
/// <param name="PolledAt">When the poll that produced this state started.</param>
/// <param name="NextPollAt">When the next poll is due.</param>
/// <param name="Interval">The current poll interval (grows while nothing changes).</param>
/// <param name="WatchStartedAt">When the group first polled this job; the watch limit counts from here.</param>
/// <param name="Failure">The last poll's failure, null when it succeeded.</param>
/// <param name="Epoch">The fencing epoch of the lease under which this state was written.</param>
internal sealed record GroupState(
    ulong Sequence,
    Job? Job,
    DateTimeOffset PolledAt,
    DateTimeOffset NextPollAt,
    TimeSpan Interval,
    DateTimeOffset WatchStartedAt,
    PollFailure? Failure,
    long Epoch)
{
    public ulong Revision => Job?.Revision ?? 0;

    /// <summary>Ids of the poll requests this state's poll answers (it started after they were made).</summary>
    public IReadOnlyList<string> Answered { get; init; } = [];
}
