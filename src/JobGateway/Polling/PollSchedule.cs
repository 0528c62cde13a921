using Grpc.Core;
using JobGateway.Coordination;
using JobGateway.V1;

namespace JobGateway.Polling;

/// <summary>
/// The schedule policy of DESIGN 3.8 as a pure function: the state after one poll, from the state
/// before it. Poll every <see cref="PollingOptions.Interval"/> while the job changes, grow the interval
/// by <see cref="PollingOptions.BackoffFactor"/> up to <see cref="PollingOptions.MaxInterval"/> while it
/// does not, honour Retry-After, give up after <see cref="PollingOptions.WatchLimit"/>.
/// </summary>
internal static class PollSchedule
{
    /// <param name="previous">The state before the poll, null for the first poll of the job.</param>
    /// <param name="job">The job the poll returned (revision not set yet, owned by this call), or null.</param>
    /// <param name="failure">Why the poll returned no job, or null.</param>
    /// <param name="retryAfter">How long the upstream asked us to wait, when it said.</param>
    /// <param name="startedAt">When the poll started.</param>
    /// <param name="epoch">The lease epoch under which the result will be written.</param>
    public static GroupState Next(
        GroupState? previous,
        Job? job,
        PollFailure? failure,
        TimeSpan? retryAfter,
        DateTimeOffset startedAt,
        long epoch,
        PollingOptions options)
    {
        var watchStartedAt = previous?.WatchStartedAt ?? startedAt;
        var previousJob = previous?.Job;
        var changed = false;
        if (job is not null)
        {
            job.Revision = previousJob?.Revision ?? FirstRevisionBase(startedAt);
            changed = previousJob is null || !previousJob.Equals(job);
            if (changed)
            {
                job.Revision++;
            }
            else
            {
                job = previousJob;
            }
        }
        else
        {
            job = previousJob;
        }

        var interval = changed || previous is null
            ? options.Interval
            : Min(Scale(previous.Interval, options.BackoffFactor), options.MaxInterval);
        var nextPollAt = startedAt + interval;
        if (retryAfter is { } wait && startedAt + wait > nextPollAt)
        {
            nextPollAt = startedAt + wait;
        }

        if (failure is null && job is not null && !JobStates.IsTerminal(job.State) && startedAt - watchStartedAt > options.WatchLimit)
        {
            failure = new PollFailure(
                StatusCode.DeadlineExceeded,
                $"Job {job.JobId} is still {job.UpstreamStatus} after the gateway's watch limit (Polling:WatchLimit = {options.WatchLimit}); the gateway stopped polling it.",
                startedAt);
        }

        return new GroupState(
            Sequence: (previous?.Sequence ?? 0) + 1,
            Job: job,
            PolledAt: startedAt,
            NextPollAt: nextPollAt,
            Interval: interval,
            WatchStartedAt: watchStartedAt,
            Failure: failure,
            Epoch: epoch);
    }

    /// <summary>
    /// A group's first revision starts from the clock (Unix milliseconds), not from 1, so that revisions
    /// keep growing across a restart that lost the state: a client resuming with a revision from before
    /// gets the current job again instead of silently missing the changes numbered below its revision.
    /// </summary>
    private static ulong FirstRevisionBase(DateTimeOffset startedAt) => (ulong)Math.Max(0, startedAt.ToUnixTimeMilliseconds());

    private static TimeSpan Scale(TimeSpan value, double factor) => TimeSpan.FromTicks((long)Math.Min(value.Ticks * factor, TimeSpan.MaxValue.Ticks / 2.0));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
