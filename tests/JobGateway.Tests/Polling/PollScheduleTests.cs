using Grpc.Core;
using JobGateway.Coordination;
using JobGateway.Polling;
using JobGateway.V1;

namespace JobGateway.Tests.Polling;

public sealed class PollScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PollingOptions Options = new();

    [Fact]
    public void Next_FirstPoll_StartsAtTheIntervalWithARevision()
    {
        var state = PollSchedule.Next(null, Job("queued"), null, null, T0, epoch: 1, Options);

        Assert.Equal(T0 + TimeSpan.FromSeconds(2), state.NextPollAt);
        Assert.True(state.Revision > 0);
        Assert.Equal(1UL, state.Sequence);
    }

    [Fact]
    public void Next_NothingChanges_IntervalGrowsByTheFactorUpToTheCap()
    {
        var state = PollSchedule.Next(null, Job("queued"), null, null, T0, 1, Options);
        var intervals = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            state = PollSchedule.Next(state, Job("queued"), null, null, state.NextPollAt, 1, Options);
            intervals.Add(state.Interval.TotalSeconds);
        }

        Assert.Equal([3, 4.5, 6.75, 10.125, 15.1875, 22.78125, 30, 30, 30, 30, 30, 30], intervals);
    }

    [Fact]
    public void Next_JobChanges_IntervalResetsAndRevisionGrowsByOne()
    {
        var state = PollSchedule.Next(null, Job("queued"), null, null, T0, 1, Options);
        state = PollSchedule.Next(state, Job("queued"), null, null, state.NextPollAt, 1, Options);
        state = PollSchedule.Next(state, Job("queued"), null, null, state.NextPollAt, 1, Options);
        var before = state.Revision;

        state = PollSchedule.Next(state, Job("processing"), null, null, state.NextPollAt, 1, Options);

        Assert.Equal(TimeSpan.FromSeconds(2), state.Interval);
        Assert.Equal(before + 1, state.Revision);
    }

    [Fact]
    public void Next_SameContent_KeepsTheRevisionAndTheSameJobObject()
    {
        var first = PollSchedule.Next(null, Job("queued"), null, null, T0, 1, Options);

        var second = PollSchedule.Next(first, Job("queued"), null, null, first.NextPollAt, 1, Options);

        Assert.Same(first.Job, second.Job);
        Assert.Equal(first.Revision, second.Revision);
    }

    [Fact]
    public void Next_RetryAfterLongerThanTheInterval_MovesTheNextPollPastIt()
    {
        var state = PollSchedule.Next(null, Job("queued"), null, null, T0, 1, Options);
        var failure = new PollFailure(StatusCode.ResourceExhausted, "429", state.NextPollAt);

        var next = PollSchedule.Next(state, null, failure, TimeSpan.FromSeconds(45), state.NextPollAt, 1, Options);

        Assert.Equal(state.NextPollAt + TimeSpan.FromSeconds(45), next.NextPollAt);
        Assert.Same(state.Job, next.Job);
        Assert.Equal(failure, next.Failure);
    }

    [Fact]
    public void Next_PendingPastTheWatchLimit_GivesUpWithDeadlineExceeded()
    {
        var options = new PollingOptions { WatchLimit = TimeSpan.FromMinutes(10) };
        var state = PollSchedule.Next(null, Job("processing"), null, null, T0, 1, options);

        var late = PollSchedule.Next(state, Job("processing"), null, null, T0 + TimeSpan.FromMinutes(11), 1, options);

        Assert.Equal(StatusCode.DeadlineExceeded, late.Failure?.Code);
        Assert.Contains("Polling:WatchLimit", late.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_TerminalPastTheWatchLimit_IsNotAFailure()
    {
        var options = new PollingOptions { WatchLimit = TimeSpan.FromMinutes(10) };
        var state = PollSchedule.Next(null, Job("processing"), null, null, T0, 1, options);

        var done = PollSchedule.Next(state, Job("completed"), null, null, T0 + TimeSpan.FromMinutes(11), 1, options);

        Assert.Null(done.Failure);
        Assert.Equal(JobState.Completed, done.Job!.State);
    }

    private static Job Job(string status) => new()
    {
        JobId = "0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d",
        UpstreamStatus = status,
        State = JobGateway.Upstream.JobStatusTable.ToState(status),
    };
}
