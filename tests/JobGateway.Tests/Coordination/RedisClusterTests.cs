using Grpc.Core;
using JobGateway.Polling;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;
using StackExchange.Redis;

namespace JobGateway.Tests.Coordination;

/// <summary>Several gateway replicas on one real redis-server, in front of the simulator, on one fake clock.</summary>
public sealed class RedisClusterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task ThreeReplicas_300WatchersOn10Jobs_OneGetPerJobPerIntervalAndEveryWatcherGetsEveryState()
    {
        await using var cluster = await GatewayHarness.StartAsync(fakeTime: true, redis.Settings(), replicas: 3);
        var jobs = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            jobs.Add(await cluster.Simulator.CreateJobAsync());
        }

        var watchers = Enumerable.Range(0, 300)
            .Select(i => WatchRecorder.Start(cluster.Nodes[i % 3].Client, jobs[i % 10], cancellationToken: TestContext.Current.CancellationToken))
            .ToArray();
        await Eventually.TrueAsync(() => watchers.All(w => w.Count == 1), "every watcher got the first state");

        string[] lifecycle = ["processing", "sampling", "completed"];
        for (var step = 0; step < lifecycle.Length; step++)
        {
            foreach (var job in jobs)
            {
                await cluster.Simulator.SetStatusAsync(job, lifecycle[step]);
            }

            cluster.Advance(Interval);
            var expected = step + 2;
            await Eventually.TrueAsync(() => watchers.All(w => w.Count == expected), $"every watcher got {lifecycle[step]}", describe: () => string.Join(",", cluster.Nodes.Select(n => $"leases={n.Service<PollGroupRegistry>().LeaseCount} polls={n.Service<PollGroupRegistry>().Context.PollCount} groups={n.Service<PollGroupRegistry>().GroupCount} now={cluster.Time!.GetUtcNow():HH:mm:ss.fff}")) + Describe(watchers, jobs));
        }

        foreach (var watcher in watchers)
        {
            Assert.Equal(StatusCode.OK, (await watcher.EndAsync()).StatusCode);
            Assert.Equal([JobState.Queued, JobState.Processing, JobState.Sampling, JobState.Completed], watcher.Received.Select(j => j.State));
        }

        foreach (var job in jobs)
        {
            var gets = (await cluster.Simulator.CountsAsync(job)).Get;
            Assert.InRange(gets, 4, 5); // first poll + 3 intervals; a lease takeover may add one
        }
    }

    [Fact]
    public async Task HolderCrashes_AnotherReplicaTakesOverWithinLeaseTtlPlusOneIntervalAndSurvivorsMissNothing()
    {
        await using var cluster = await GatewayHarness.StartAsync(fakeTime: true, redis.Settings(), replicas: 3);
        var jobId = await cluster.Simulator.CreateJobAsync();
        var watchers = cluster.Nodes.Select(node => Enumerable.Range(0, 5).Select(_ => WatchRecorder.Start(node.Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray()).ToArray();
        await Eventually.TrueAsync(() => watchers.SelectMany(w => w).All(w => w.Count == 1), "first state everywhere");
        var holder = await HolderAsync(cluster);
        var survivors = Enumerable.Range(0, 3).Where(i => i != holder).SelectMany(i => watchers[i]).ToArray();

        await cluster.Nodes[holder].Service<PollGroupRegistry>().CrashAsync();
        await cluster.Simulator.SetStatusAsync(jobId, "processing");
        var elapsed = await AdvanceUntilAsync(cluster, () => survivors.All(w => w.Count == 2), TimeSpan.FromSeconds(20));

        Assert.True(elapsed <= LeaseTtl + Interval, $"took over after {elapsed.TotalSeconds} s of gateway time");
        await cluster.Simulator.SetStatusAsync(jobId, "completed");
        cluster.Advance(Interval);
        foreach (var watcher in survivors)
        {
            Assert.Equal(StatusCode.OK, (await watcher.EndAsync()).StatusCode);
            Assert.Equal([JobState.Queued, JobState.Processing, JobState.Completed], watcher.Received.Select(j => j.State));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"takeover after a crash: {elapsed.TotalSeconds} s of gateway time (lease TTL {LeaseTtl.TotalSeconds} s)");
    }

    [Fact]
    public async Task HolderStopsGracefully_HandoverWithinOneInterval()
    {
        await using var cluster = await GatewayHarness.StartAsync(fakeTime: true, redis.Settings(), replicas: 2);
        var jobId = await cluster.Simulator.CreateJobAsync();
        var watchers = cluster.Nodes.Select(node => WatchRecorder.Start(node.Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        await Eventually.TrueAsync(() => watchers.All(w => w.Count == 1), "first state everywhere");
        var holder = await HolderAsync(cluster);
        var survivor = watchers[1 - holder];

        await cluster.Nodes[holder].StopAsync();
        await cluster.Simulator.SetStatusAsync(jobId, "processing");
        var elapsed = await AdvanceUntilAsync(cluster, () => survivor.Count == 2, TimeSpan.FromSeconds(20));

        Assert.True(elapsed <= Interval, $"handed over after {elapsed.TotalSeconds} s of gateway time");
        Assert.Equal(JobState.Processing, survivor.Last!.State);
        TestContext.Current.TestOutputHelper?.WriteLine($"handover after a graceful stop: {elapsed.TotalSeconds} s of gateway time");
    }

    [Fact]
    public async Task LostPubSubMessage_IsMadeGoodByCatchUpWithinOneLeaseTick()
    {
        await using var cluster = await GatewayHarness.StartAsync(fakeTime: true, redis.Settings(), replicas: 2);
        var jobId = await cluster.Simulator.CreateJobAsync();
        var watchers = cluster.Nodes.Select(node => WatchRecorder.Start(node.Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        await Eventually.TrueAsync(() => watchers.All(w => w.Count == 1), "first state everywhere");
        var holder = await HolderAsync(cluster);
        var other = watchers[1 - holder];

        // Kill every pub/sub connection: the next state is published while the other replica cannot hear it.
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},allowAdmin=true"))
        {
            foreach (var endpoint in admin.GetEndPoints())
            {
                await admin.GetServer(endpoint).ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
            }
        }

        await cluster.Simulator.SetStatusAsync(jobId, "processing");
        var elapsed = await AdvanceUntilAsync(cluster, () => other.Count == 2, TimeSpan.FromSeconds(20));

        Assert.True(elapsed <= Interval + (LeaseTtl / 3), $"caught up after {elapsed.TotalSeconds} s of gateway time");
        Assert.Equal(JobState.Processing, other.Last!.State);
    }

    [Fact]
    public async Task TwoWorkspacesWatchOneJobId_ForeignWatcherGetsNotFoundAndNoTokenReachesRedis()
    {
        var settings = redis.Settings();
        await using var cluster = await GatewayHarness.StartAsync(fakeTime: true, settings, replicas: 2);
        var jobId = await cluster.Simulator.CreateJobAsync(GatewayHarness.DemoToken);
        var owner = WatchRecorder.Start(cluster.Nodes[0].Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => owner.Count == 1, "the owner's first state");

        var foreign = WatchRecorder.Start(cluster.Nodes[1].Client, jobId, token: GatewayHarness.OtherToken, cancellationToken: TestContext.Current.CancellationToken);
        var foreignStatus = await foreign.EndAsync();
        await cluster.Simulator.SetStatusAsync(jobId, "completed");
        cluster.Advance(Interval);
        await owner.EndAsync();

        Assert.Equal(StatusCode.NotFound, foreignStatus.StatusCode);
        Assert.Empty(foreign.Received);
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            keys.Add(key);
        }

        Assert.Contains(keys, k => k.ToString().StartsWith(settings["Redis:KeyPrefix"]!, StringComparison.Ordinal));
        foreach (var key in keys)
        {
            Assert.DoesNotContain("token", key.ToString(), StringComparison.Ordinal);
            if (await admin.GetDatabase().KeyTypeAsync(key) == RedisType.String)
            {
                var value = (byte[]?)await admin.GetDatabase().StringGetAsync(key) ?? [];
                var text = System.Text.Encoding.Latin1.GetString(value);
                Assert.DoesNotContain(GatewayHarness.DemoToken, text, StringComparison.Ordinal);
                Assert.DoesNotContain(GatewayHarness.OtherToken, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task RedisCommandsPerJobPerInterval_StayConstantAsWatchersGrow()
    {
        var perInterval = new Dictionary<int, double>();
        foreach (var watcherCount in new[] { 10, 1000 })
        {
            await using var server = await RedisFixture.StartDedicatedAsync();
            var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = server.Configuration, ["Redis:KeyPrefix"] = "jobgw:" };
            await using var cluster = await GatewayHarness.StartAsync(fakeTime: true, settings, replicas: 2);
            var jobId = await cluster.Simulator.CreateJobAsync();
            var watchers = Enumerable.Range(0, watcherCount).Select(i => WatchRecorder.Start(cluster.Nodes[i % 2].Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
            await Eventually.TrueAsync(() => watchers.All(w => w.Count == 1), "first state everywhere");

            var before = await CommandCountAsync(server.Configuration);
            const int Intervals = 5;
            string[] statuses = ["processing", "sampling", "processing", "sampling", "processing"];
            for (var i = 0; i < Intervals; i++)
            {
                await cluster.Simulator.SetStatusAsync(jobId, statuses[i]);
                cluster.Advance(Interval);
                var expected = i + 2;
                await Eventually.TrueAsync(() => watchers.All(w => w.Count == expected), "every watcher got the change");
            }

            var after = await CommandCountAsync(server.Configuration);
            perInterval[watcherCount] = (after - before) / (double)Intervals;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Redis commands per job per interval, 2 replicas: {perInterval[10]:0.#} with 10 watchers, {perInterval[1000]:0.#} with 1,000");
        Assert.True(perInterval[1000] <= perInterval[10] + 2, $"{perInterval[1000]} commands per interval with 1,000 watchers vs {perInterval[10]} with 10");
        Assert.True(perInterval[1000] <= 16, $"{perInterval[1000]} commands per job per interval");
    }

    [Fact]
    public async Task RedisRestarted_WatchersStillGetTheTerminalStateAndDeduplicationReturns()
    {
        await using var server = await RedisFixture.StartDedicatedAsync();
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = server.Configuration, ["Redis:KeyPrefix"] = "jobgw:" };
        await using var cluster = await GatewayHarness.StartAsync(fakeTime: true, settings, replicas: 2);
        var jobId = await cluster.Simulator.CreateJobAsync();
        var watchers = cluster.Nodes.Select(node => WatchRecorder.Start(node.Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        await Eventually.TrueAsync(() => watchers.All(w => w.Count == 1), "first state everywhere");

        await server.StopAsync();
        await cluster.Simulator.SetStatusAsync(jobId, "processing");
        await AdvanceUntilAsync(cluster, () => watchers.All(w => w.Count == 2), TimeSpan.FromSeconds(30));
        Assert.All(cluster.Nodes, node => Assert.True(node.Service<JobGateway.Coordination.Redis.RedisPollCoordinator>().IsDegraded));

        await server.StartAsync();
        await Eventually.TrueAsync(() => cluster.Nodes.All(node => !node.Service<JobGateway.Coordination.Redis.RedisPollCoordinator>().IsDegraded), "both replicas reconnected");
        await AdvanceUntilAsync(cluster, () => cluster.Nodes.Sum(n => n.Service<PollGroupRegistry>().LeaseCount) == 1 && LeasesAreShared(cluster), TimeSpan.FromSeconds(30));

        // De-duplication is back: each change costs one upstream poll again, not one per replica.
        var before = (await cluster.Simulator.CountsAsync(jobId)).Get;
        await cluster.Simulator.SetStatusAsync(jobId, "sampling");
        await AdvanceUntilAsync(cluster, () => watchers.All(w => w.Count == 3), TimeSpan.FromSeconds(60));
        await cluster.Simulator.SetStatusAsync(jobId, "completed");
        await AdvanceUntilAsync(cluster, () => watchers.All(w => w.Count == 4), TimeSpan.FromSeconds(60));
        var polls = (await cluster.Simulator.CountsAsync(jobId)).Get - before;

        foreach (var watcher in watchers)
        {
            Assert.Equal(StatusCode.OK, (await watcher.EndAsync()).StatusCode);
            Assert.Equal([JobState.Queued, JobState.Processing, JobState.Sampling, JobState.Completed], watcher.Received.Select(j => j.State));
            for (var i = 1; i < watcher.Received.Count; i++)
            {
                Assert.True(watcher.Received[i].Revision > watcher.Received[i - 1].Revision);
            }
        }

        Assert.Equal(2, polls);
    }

    private static string Describe(WatchRecorder[] watchers, List<string> jobs) =>
        string.Join("; ", watchers.Select((w, i) => (w, i)).GroupBy(x => (Job: jobs.IndexOf(x.w.Last?.JobId ?? "") , Replica: x.i % 3, x.w.Count, State: x.w.Last?.State))
            .Select(g => $"job{g.Key.Job}@r{g.Key.Replica}:{g.Key.Count}x{g.Key.State}={g.Count()}:{g.First().w.Call.GetStatusOrNull()?.StatusCode}"));

    private static bool LeasesAreShared(GatewayHarness cluster) =>
        cluster.Nodes.All(n => !n.Service<JobGateway.Coordination.Redis.RedisPollCoordinator>().IsDegraded);

    private static async Task<int> HolderAsync(GatewayHarness cluster)
    {
        await Eventually.TrueAsync(() => cluster.Nodes.Count(n => n.Service<PollGroupRegistry>().LeaseCount == 1) == 1, "exactly one replica holds the lease");
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            if (cluster.Nodes[i].Service<PollGroupRegistry>().LeaseCount == 1)
            {
                return i;
            }
        }

        throw new InvalidOperationException("no holder");
    }

    /// <summary>Advances the fake clock in small steps, letting the replicas act after each, until the condition holds.</summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(GatewayHarness cluster, Func<bool> condition, TimeSpan limit)
    {
        var step = TimeSpan.FromMilliseconds(250);
        var elapsed = TimeSpan.Zero;
        while (!condition())
        {
            if (elapsed >= limit)
            {
                Assert.Fail($"not reached after {limit.TotalSeconds} s of gateway time");
            }

            cluster.Advance(step);
            elapsed += step;
            for (var i = 0; i < 20 && !condition(); i++)
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
        }

        return elapsed;
    }

    private static async Task<long> CommandCountAsync(string configuration)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{configuration},allowAdmin=true");
        var info = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        var total = 0L;
        foreach (var pair in info.SelectMany(group => group))
        {
            // cmdstat_get:calls=12,usec=…; the admin connection's own INFO/CLIENT calls are left out.
            if (pair.Key.StartsWith("cmdstat_", StringComparison.Ordinal) && !pair.Key.Contains("info", StringComparison.Ordinal)
                && !pair.Key.Contains("client", StringComparison.Ordinal) && !pair.Key.Contains("cluster", StringComparison.Ordinal)
                && !pair.Key.Contains("config", StringComparison.Ordinal) && !pair.Key.Contains("echo", StringComparison.Ordinal)
                && !pair.Key.Contains("ping", StringComparison.Ordinal) && !pair.Key.Contains("subscribe", StringComparison.Ordinal))
            {
                var calls = pair.Value.Split(',')[0].Split('=')[1];
                total += long.Parse(calls, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}
