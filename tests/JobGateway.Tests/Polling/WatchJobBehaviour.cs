using System.Diagnostics;
using Grpc.Core;
using JobGateway.Polling;
using JobGateway.Tests.Infrastructure;
using JobGateway.Upstream;
using JobGateway.V1;

namespace JobGateway.Tests.Polling;

/// <summary>
/// The WatchJob behaviour every coordination must show; runs once in memory and once on a real Redis.
/// </summary>
public abstract class WatchJobBehaviour : CoordinationVariant
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task WatchJob_ThousandStreamsOnOneJob_OneUpstreamGetPerIntervalAndEveryStreamGetsEveryState()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        var streams = Enumerable.Range(0, 1000).Select(_ => WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        await Eventually.TrueAsync(() => streams.All(s => s.Count == 1), "every stream got the first state");
        Assert.Equal(1, (await harness.Simulator.CountsAsync(jobId)).Get);

        var output = TestContext.Current.TestOutputHelper;
        string[] lifecycle = ["processing", "sampling", "completed"];
        for (var i = 0; i < lifecycle.Length; i++)
        {
            await harness.Simulator.SetStatusAsync(jobId, lifecycle[i]);
            var clock = Stopwatch.StartNew();
            harness.Advance(Interval);
            var expected = i + 2;
            await Eventually.TrueAsync(() => streams.All(s => s.Count == expected), $"every stream got state {lifecycle[i]}");
            output?.WriteLine($"{lifecycle[i]}: delivered to 1,000 streams in {clock.Elapsed.TotalMilliseconds:0} ms after the poll was due");
            Assert.Equal(expected, (await harness.Simulator.CountsAsync(jobId)).Get);
        }

        foreach (var stream in streams)
        {
            Assert.Equal(StatusCode.OK, (await stream.EndAsync()).StatusCode);
            Assert.Equal([JobState.Queued, JobState.Processing, JobState.Sampling, JobState.Completed], stream.Received.Select(j => j.State));
            AssertRevisionsGrowByOne(stream.Received);
        }

        Assert.Equal(4, (await harness.Simulator.CountsAsync(jobId)).Get);
    }

    [Fact]
    public async Task WatchJob_HundredJobsTimesTenWatchers_PollsScaleWithJobsNotWatchers()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobs = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            jobs.Add(await harness.Simulator.CreateJobAsync());
        }

        var streams = jobs.SelectMany(job => Enumerable.Range(0, 10).Select(_ => WatchRecorder.Start(harness.Client, job, cancellationToken: TestContext.Current.CancellationToken))).ToArray();
        await Eventually.TrueAsync(() => streams.All(s => s.Count == 1), "every stream got the first state");

        string[] lifecycle = ["processing", "completed"];
        for (var i = 0; i < lifecycle.Length; i++)
        {
            foreach (var job in jobs)
            {
                await harness.Simulator.SetStatusAsync(job, lifecycle[i]);
            }

            harness.Advance(Interval);
            var expected = i + 2;
            await Eventually.TrueAsync(() => streams.All(s => s.Count == expected), $"every stream got {lifecycle[i]}");
        }

        await Task.WhenAll(streams.Select(s => s.Completion));
        var polls = 0;
        foreach (var job in jobs)
        {
            polls += (await harness.Simulator.CountsAsync(job)).Get;
        }

        Assert.Equal(100 * 3, polls); // jobs × (first poll + 2 intervals), not watchers × intervals (3,000)
    }

    [Fact]
    public async Task WatchJob_StreamThatNeverReads_DoesNotDelayOthersHoldsOneStateAndGetsTheTerminalOne()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        var token = new CallerToken(GatewayHarness.DemoToken);
        using var stalled = harness.Service<JobOperations>().Watch(new(token.Scope, jobId), token, afterRevision: 0);
        var reader = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => reader.Count == 1, "the reading stream got the first state");

        string[] lifecycle = ["scheduled", "processing", "sampling", "intermediate-complete", "completed"];
        for (var i = 0; i < lifecycle.Length; i++)
        {
            await harness.Simulator.SetStatusAsync(jobId, lifecycle[i]);
            harness.Advance(Interval);
            await Eventually.TrueAsync(() => reader.Count == i + 2, $"the reading stream got {lifecycle[i]} while the other one never read");
        }

        Assert.True(stalled.HasPending);
        var item = await stalled.NextAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(item.Snapshot);
        Assert.True(item.Snapshot.IsTerminal);
        Assert.Equal(reader.Last!.Revision, item.Snapshot.Revision);
        Assert.False(stalled.HasPending); // the five earlier states were conflated into the newest one
        Assert.Equal(StatusCode.OK, (await reader.EndAsync()).StatusCode);
    }

    [Fact]
    public async Task WatchJob_ResumeWithLastRevision_NoDuplicateNoGap()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        using var firstCancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var first = WatchRecorder.Start(harness.Client, jobId, cancellationToken: firstCancel.Token);
        await Eventually.TrueAsync(() => first.Count == 1, "first state");
        await harness.Simulator.SetStatusAsync(jobId, "processing");
        harness.Advance(Interval);
        await Eventually.TrueAsync(() => first.Count == 2, "second state");
        await firstCancel.CancelAsync();
        await first.EndAsync();
        var lastSeen = first.Last!.Revision;

        await harness.Simulator.SetStatusAsync(jobId, "sampling");
        harness.Advance(Interval);
        var resumed = WatchRecorder.Start(harness.Client, jobId, afterRevision: lastSeen, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => resumed.Count == 1, "the change made while disconnected");
        await harness.Simulator.SetStatusAsync(jobId, "completed");
        harness.Advance(Interval);

        Assert.Equal(StatusCode.OK, (await resumed.EndAsync()).StatusCode);
        Assert.Equal([JobState.Sampling, JobState.Completed], resumed.Received.Select(j => j.State));
        Assert.Equal(lastSeen + 1, resumed.Received[0].Revision);
        AssertRevisionsGrowByOne(resumed.Received);

        var atTerminal = WatchRecorder.Start(harness.Client, jobId, afterRevision: resumed.Last!.Revision, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(StatusCode.OK, (await atTerminal.EndAsync()).StatusCode);
        Assert.Empty(atTerminal.Received);
    }

    [Fact]
    public async Task WatchJob_ResumeLongAfterTheGroupWasFreed_NoDuplicateNoGap()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        using var firstCancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var first = WatchRecorder.Start(harness.Client, jobId, cancellationToken: firstCancel.Token);
        await Eventually.TrueAsync(() => first.Count == 1, "first state");
        await firstCancel.CancelAsync();
        await first.EndAsync();
        await Eventually.TrueAsync(() => harness.Service<JobGateway.Polling.PollGroupRegistry>().WatchCount == 0, "the watch was freed");
        for (var i = 0; i < 60; i++)
        {
            harness.Advance(TimeSpan.FromSeconds(1)); // a minute away: the group lingers 5 s and is freed
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(() => harness.Service<JobGateway.Polling.PollGroupRegistry>().GroupCount == 0, "the group was freed");
        var resumed = WatchRecorder.Start(harness.Client, jobId, afterRevision: first.Last!.Revision, cancellationToken: TestContext.Current.CancellationToken);
        harness.Advance(Interval);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(0, resumed.Count); // unchanged since the client's revision: nothing to send
        await harness.Simulator.SetStatusAsync(jobId, "completed");
        harness.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(StatusCode.OK, (await resumed.EndAsync()).StatusCode);
        var only = Assert.Single(resumed.Received);
        Assert.Equal(first.Last.Revision + 1, only.Revision);
    }

    [Fact]
    public async Task WatchJob_JoiningAfterTheJobFinished_GetsTerminalJobWithoutUpstreamCall()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        var watcher = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => watcher.Count == 1, "first state");
        await harness.Simulator.SetStatusAsync(jobId, "completed");
        harness.Advance(Interval);
        await watcher.EndAsync();
        await Eventually.TrueAsync(() => harness.Service<PollGroupRegistry>().GroupCount == 0, "the finished group was freed");
        harness.Advance(TimeSpan.FromMinutes(5));
        var gets = (await harness.Simulator.CountsAsync(jobId)).Get;

        var late = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        var status = await late.EndAsync();
        var unary = await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(StatusCode.OK, status.StatusCode);
        Assert.Equal(watcher.Last, Assert.Single(late.Received));
        Assert.Equal(watcher.Last, unary.Job);
        Assert.Equal(gets, (await harness.Simulator.CountsAsync(jobId)).Get);
    }

    [Fact]
    public async Task WatchJob_CancelDuringWatch_WatchersSeeCancelledWithoutWaitingForTheInterval()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        var watchers = Enumerable.Range(0, 5).Select(_ => WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        await Eventually.TrueAsync(() => watchers.All(w => w.Count == 1), "first state");

        var cancelled = await harness.Client.CancelJobAsync(new CancelJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken);

        // The clock has not moved: the watchers learn of the cancel from the poll the cancel triggered.
        foreach (var watcher in watchers)
        {
            Assert.Equal(StatusCode.OK, (await watcher.EndAsync()).StatusCode);
            Assert.Equal(JobState.Cancelled, watcher.Last!.State);
            Assert.Equal(cancelled.Job, watcher.Last);
        }
    }

    [Fact]
    public async Task WatchJob_UnknownJob_IsNotFound()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());

        var status = await WatchRecorder.Start(harness.Client, Guid.NewGuid().ToString(), cancellationToken: TestContext.Current.CancellationToken).EndAsync();

        Assert.Equal(StatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task WatchJob_ForeignWorkspace_IsNotFoundWhileTheOwnerWatches()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync(GatewayHarness.DemoToken);
        var owner = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => owner.Count == 1, "the owner's first state");

        var foreign = WatchRecorder.Start(harness.Client, jobId, token: GatewayHarness.OtherToken, cancellationToken: TestContext.Current.CancellationToken);
        var status = await foreign.EndAsync();

        Assert.Equal(StatusCode.NotFound, status.StatusCode);
        Assert.Empty(foreign.Received);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    public async Task WatchJob_MalformedId_IsInvalidArgumentWithZeroUpstreamRequests(string jobId)
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());

        var status = await WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken).EndAsync();

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Equal(0, await harness.Simulator.TotalRequestsAsync());
    }

    [Fact]
    public async Task WatchJob_NoToken_IsUnauthenticated()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var call = harness.Client.WatchJob(new WatchJobRequest { JobId = Guid.NewGuid().ToString() }, cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task WatchJob_ClientCancels_FreesTheStreamAtOnce()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var watcher = WatchRecorder.Start(harness.Client, jobId, cancellationToken: cancel.Token);
        await Eventually.TrueAsync(() => watcher.Count == 1, "first state");
        var registry = harness.Service<PollGroupRegistry>();
        Assert.Equal(1, registry.WatchCount);

        await cancel.CancelAsync();

        await Eventually.TrueAsync(() => registry.WatchCount == 0, "the server freed the watch");
    }

    [Fact]
    public async Task WatchJob_PastTheCallersLimit_IsResourceExhausted()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With(new Dictionary<string, string?> { ["Polling:MaxWatchesPerCaller"] = "2" }));
        var jobId = await harness.Simulator.CreateJobAsync();
        var otherJob = await harness.Simulator.CreateJobAsync(GatewayHarness.OtherToken);
        var open = new[] { WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken), WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken) };
        await Eventually.TrueAsync(() => open.All(w => w.Count == 1), "two watches open");

        var third = await WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken).EndAsync();
        var otherCaller = WatchRecorder.Start(harness.Client, otherJob, token: GatewayHarness.OtherToken, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => otherCaller.Count == 1, "another caller is not limited by the first one's watches");

        Assert.Equal(StatusCode.ResourceExhausted, third.StatusCode);
        Assert.Contains("Polling:MaxWatchesPerCaller", third.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchJob_PastTheProcessLimit_IsResourceExhausted()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With(new Dictionary<string, string?> { ["Polling:MaxWatches"] = "1" }));
        var jobId = await harness.Simulator.CreateJobAsync();
        var first = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => first.Count == 1, "one watch open");

        var second = await WatchRecorder.Start(harness.Client, jobId, token: GatewayHarness.OtherToken, cancellationToken: TestContext.Current.CancellationToken).EndAsync();

        Assert.Equal(StatusCode.ResourceExhausted, second.StatusCode);
        Assert.Contains("Polling:MaxWatches", second.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchJob_HostStops_StreamsEndWithUnavailableAndTheRevisionToResumeFrom()
    {
        var harness = await GatewayHarness.StartAsync(settings: With());
        await using (harness)
        {
            var jobId = await harness.Simulator.CreateJobAsync();
            var watchers = Enumerable.Range(0, 20).Select(_ => WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
            await Eventually.TrueAsync(() => watchers.All(w => w.Count == 1), "first state");

            var stop = harness.Gateway.StopAsync(TestContext.Current.CancellationToken);

            foreach (var watcher in watchers)
            {
                var status = await watcher.EndAsync();
                Assert.Equal(StatusCode.Unavailable, status.StatusCode);
                Assert.Contains($"after_revision = {watcher.Last!.Revision}", status.Detail, StringComparison.Ordinal);
            }

            await stop;
        }
    }

    private static void AssertRevisionsGrowByOne(IReadOnlyList<Job> jobs)
    {
        for (var i = 1; i < jobs.Count; i++)
        {
            Assert.Equal(jobs[i - 1].Revision + 1, jobs[i].Revision);
        }
    }
}

public sealed class InMemoryWatchJobTests : WatchJobBehaviour
{
    protected override IDictionary<string, string?> Coordination { get; } = new Dictionary<string, string?>();
}

public sealed class RedisWatchJobTests(RedisFixture redis) : WatchJobBehaviour, IClassFixture<RedisFixture>
{
    protected override IDictionary<string, string?> Coordination { get; } = redis.Settings();
}
