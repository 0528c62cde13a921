using System.Text.Json.Nodes;
using Grpc.Core;
using JobGateway.Polling;
using JobGateway.Tests.Infrastructure;

namespace JobGateway.Tests.Polling;

/// <summary>
/// The poll schedule as the upstream sees it, on a fake clock shared by gateway and simulator; runs once in
/// memory and once on a real Redis.
/// </summary>
public abstract class PollingScheduleBehaviour : CoordinationVariant
{
    [Fact]
    public async Task Watch_JobThatDoesNotChange_PollsBackOffExponentially()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        var watcher = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => watcher.Count == 1, "first state");

        // Polls are due at 2 s, 5 s (+3), 9.5 s (+4.5), 16.25 s (+6.75).
        await ExpectPollAtAsync(harness, jobId, after: 1.9, then: 0.1, expectedGets: 2);
        await ExpectPollAtAsync(harness, jobId, after: 2.9, then: 0.1, expectedGets: 3);
        await ExpectPollAtAsync(harness, jobId, after: 4.4, then: 0.1, expectedGets: 4);
        await ExpectPollAtAsync(harness, jobId, after: 6.65, then: 0.1, expectedGets: 5);
        Assert.Equal(1, watcher.Count); // unchanged jobs send nothing
    }

    [Fact]
    public async Task Watch_UpstreamAsksToRetryAfter_NextPollWaitsForIt()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With(new Dictionary<string, string?> { ["Upstream:MaxRetryAfter"] = "00:00:01" }));
        var jobId = await harness.Simulator.CreateJobAsync();
        var watcher = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => watcher.Count == 1, "first state");
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["status"] = 429, ["retry_after_seconds"] = 10, ["count"] = 1 });

        await ExpectPollAtAsync(harness, jobId, after: 1.9, then: 0.1, expectedGets: 2); // t=2: the 429
        await ExpectPollAtAsync(harness, jobId, after: 9.9, then: 0.1, expectedGets: 3); // t=12, not t=5

        Assert.Null(watcher.Call.GetStatusOrNull());
    }

    [Fact]
    public async Task Watch_PendingPastTheWatchLimit_EndsWithDeadlineExceeded()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With(new Dictionary<string, string?> { ["Polling:WatchLimit"] = "00:00:10" }));
        var jobId = await harness.Simulator.CreateJobAsync();
        var watcher = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => watcher.Count == 1, "first state");

        for (var i = 0; i < 40 && !watcher.Completion.IsCompleted; i++)
        {
            harness.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var status = await watcher.EndAsync();
        Assert.Equal(StatusCode.DeadlineExceeded, status.StatusCode);
        Assert.Contains("Polling:WatchLimit", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_LastWatcherLeaves_PollingStopsAndTheGroupIsFreed()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, With());
        var jobId = await harness.Simulator.CreateJobAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var watcher = WatchRecorder.Start(harness.Client, jobId, cancellationToken: cancel.Token);
        await Eventually.TrueAsync(() => watcher.Count == 1, "first state");
        await ExpectPollAtAsync(harness, jobId, after: 1.9, then: 0.1, expectedGets: 2);
        var registry = harness.Service<PollGroupRegistry>();

        await cancel.CancelAsync();
        await Eventually.TrueAsync(() => registry.WatchCount == 0, "the watch was freed");
        for (var i = 0; i < 60; i++)
        {
            harness.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await Eventually.TrueAsync(() => registry.GroupCount == 0, "the group was freed after lingering");
        Assert.Equal(2, (await harness.Simulator.CountsAsync(jobId)).Get);
    }

    private static async Task ExpectPollAtAsync(GatewayHarness harness, string jobId, double after, double then, int expectedGets)
    {
        harness.Advance(TimeSpan.FromSeconds(after));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(expectedGets - 1, (await harness.Simulator.CountsAsync(jobId)).Get);
        harness.Advance(TimeSpan.FromSeconds(then));
        await Eventually.TrueAsync(async () => (await harness.Simulator.CountsAsync(jobId)).Get == expectedGets, $"poll #{expectedGets}");
    }
}

public sealed class InMemoryPollingScheduleTests : PollingScheduleBehaviour
{
    protected override IDictionary<string, string?> Coordination { get; } = new Dictionary<string, string?>();
}

public sealed class RedisPollingScheduleTests(RedisFixture redis) : PollingScheduleBehaviour, IClassFixture<RedisFixture>
{
    protected override IDictionary<string, string?> Coordination { get; } = redis.Settings();
}
