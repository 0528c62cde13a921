using System.Globalization;
using Grpc.Core;
using JobGateway.Bench.Processes;
using JobGateway.Bench.Upstream;
using JobGateway.Bench.Watching;

namespace JobGateway.Bench.Scenarios;

/// <summary>
/// Opens every WatchJob stream, holds them, lets every job run its lifecycle and waits for each stream
/// to end after the terminal state. Each job's first stream goes to replica 0 and is open before the
/// others, so replica 0 takes every poll lease: the other replicas receive changes through Redis only.
/// </summary>
internal sealed class GatewayPhase(RunSettings run, WatchSettings settings, Cluster cluster, SimulatorClient simulator, Progress progress)
{
    private static readonly Metadata Headers = [new Metadata.Entry("authorization", $"Bearer {SimulatorClient.Token}")];

    public async Task<GatewayOutcome> RunAsync(IReadOnlyList<LifecycleScript> scripts, CancellationToken cancellationToken)
    {
        if (settings.WarmUp)
        {
            await WarmUpAsync(cancellationToken);
        }

        var times = new PhaseTimes { Ready = DateTime.UtcNow };
        cluster.SampleAll();
        progress.Phase(string.Create(CultureInfo.InvariantCulture, $"gateway: {settings.Jobs} job(s) x {settings.WatchersPerJob} watchers on {settings.Replicas} replica(s){(settings.UseRedis ? " with Redis" : string.Empty)}"));
        var jobs = await CreateJobsAsync(simulator, scripts, cancellationToken);

        var watchers = new List<Watcher>(settings.Streams);
        var perReplica = new int[settings.Replicas];
        for (var j = 0; j < settings.Jobs; j++)
        {
            for (var k = 0; k < settings.WatchersPerJob; k++)
            {
                var replica = k % settings.Replicas;
                perReplica[replica]++;
                watchers.Add(new Watcher(watchers.Count, j, replica));
            }
        }

        using var clients = new GatewayClients(cluster.Replicas, perReplica, run.ClientStreamsPerConnection);
        using var streams = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var counters = new WatchCounters();
        var tasks = new Task[watchers.Count];
        var nth = new int[settings.Replicas];
        void Open(Watcher watcher)
        {
            var client = clients.For(watcher.Replica, Interlocked.Increment(ref nth[watcher.Replica]) - 1);
            tasks[watcher.Index] = watcher.RunAsync(client, jobs[watcher.Job].JobId, Headers, counters, streams.Token);
        }

        // Idle memory first, then one stream per job (which starts its poll group), then the rest.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var primers = watchers.Where(w => w.Index % settings.WatchersPerJob == 0).ToList();
        foreach (var primer in primers)
        {
            Open(primer);
            await primer.Connected.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
        times.Primed = DateTime.UtcNow;
        cluster.SampleAll();

        progress.Phase(string.Create(CultureInfo.InvariantCulture, $"opening {watchers.Count} streams over {clients.ConnectionCount} connections ({run.ClientStreamsPerConnection} streams per connection, server limit {run.ServerStreamsPerConnection})"));
        progress.Status(() => string.Create(CultureInfo.InvariantCulture, $"open {counters.Opened}/{watchers.Count}  connected {counters.Connected}  failed {counters.Failed}  {Rss()}"));
        var rest = watchers.Where(w => w.Index % settings.WatchersPerJob != 0);
        await Parallel.ForEachAsync(
            rest,
            new ParallelOptions { MaxDegreeOfParallelism = settings.ConnectParallelism, CancellationToken = cancellationToken },
            async (watcher, token) =>
            {
                Open(watcher);
                try
                {
                    await watcher.Connected.Task.WaitAsync(TimeSpan.FromSeconds(60), token);
                }
                catch (TimeoutException)
                {
                    // Counted as not connected; the checks report it.
                }
            });
        times.Connected = DateTime.UtcNow;
        cluster.SampleAll();
        if (counters.Connected < watchers.Count)
        {
            progress.Line(string.Create(CultureInfo.InvariantCulture, $"    only {counters.Connected} of {watchers.Count} streams delivered their first message; {counters.Failed} failed"));
        }

        progress.Phase(string.Create(CultureInfo.InvariantCulture, $"holding {counters.Connected} streams for {settings.Hold.TotalSeconds:F0} s"));
        progress.Status(() => string.Create(CultureInfo.InvariantCulture, $"streams {counters.Connected - counters.Failed}  {Rss()}"));
        await Task.Delay(settings.Hold / 2, cancellationToken);
        var leases = await LeaseCountsAsync(cancellationToken);
        await Task.Delay(settings.Hold / 2, cancellationToken);
        times.HoldEnd = DateTime.UtcNow;
        cluster.SampleAll();

        progress.Phase(string.Create(CultureInfo.InvariantCulture, $"advancing {jobs.Count} job(s): {scripts[0]}"));
        cluster.SampleFast(true);
        times.Advanced = DateTime.UtcNow;
        cluster.SampleAll();
        await AdvanceStaggeredAsync(simulator, jobs, run.Interval, cancellationToken);
        progress.Status(() => string.Create(CultureInfo.InvariantCulture, $"terminal {counters.Terminal}/{watchers.Count}  messages {counters.Messages}  failed {counters.Failed}  {Rss()}"));

        var longest = scripts.Max(s => s.Steps.Sum(step => step.Seconds));
        var timedOut = false;
        try
        {
            await Task.WhenAll(tasks.Where(t => t is not null)).WaitAsync(TimeSpan.FromSeconds(longest + 30 + (watchers.Count / 1000.0)), cancellationToken);
        }
        catch (TimeoutException)
        {
            timedOut = true;
            progress.Line(string.Create(CultureInfo.InvariantCulture, $"    timed out: {counters.Terminal} of {watchers.Count} streams received the terminal state"));
            await streams.CancelAsync();
        }

        times.Done = DateTime.UtcNow;
        cluster.SampleAll();
        cluster.SampleFast(false);
        progress.Phase("reading the simulator's timelines and counters");
        foreach (var job in jobs)
        {
            await job.CollectAsync(simulator, cancellationToken);
        }

        return new GatewayOutcome(jobs, watchers, times, clients.ConnectionCount, leases, timedOut, WarmUpLifecycles);
    }

    /// <summary>
    /// Throw-away lifecycles on every replica, so the measured run does not include the JIT compiling the
    /// fan-out path (a profile of a cold 10,000-stream fan-out spends half its CPU in the JIT and the runtime),
    /// repeated until a lifecycle makes the replicas compile almost nothing (their <c>dotnet_jit_compiled_methods</c>),
    /// as a gateway that has served a few such fan-outs would be: tiered compilation promotes a method only
    /// after 30 calls, and code that runs once per change needs several lifecycles to get there.
    /// </summary>
    private async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        const int MaxPerReplica = 500;
        const int MaxLifecycles = 5;
        const double QuietMethods = 25;
        var perReplica = Math.Min(MaxPerReplica, Math.Max(1, settings.Streams / settings.Replicas));
        for (var round = 1; round <= MaxLifecycles; round++)
        {
            progress.Phase(string.Create(CultureInfo.InvariantCulture, $"warm-up {round}: one short lifecycle watched by {perReplica} streams per replica (not measured)"));
            var before = await MetricAsync("dotnet_jit_compiled_methods_total", cancellationToken);
            await WarmUpLifecycleAsync(perReplica, cancellationToken);

            // Let tiered compilation finish promoting what the burst made hot.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var after = await MetricAsync("dotnet_jit_compiled_methods_total", cancellationToken);
            var compiled = before.Zip(after, (b, a) => a - b).Max();
            progress.Phase(string.Create(CultureInfo.InvariantCulture, $"warm-up {round}: the busiest replica compiled {compiled?.ToString("F0", CultureInfo.InvariantCulture) ?? "an unknown number of"} methods"));
            WarmUpLifecycles = round;
            if (compiled is null or < QuietMethods)
            {
                break;
            }
        }
    }

    /// <summary>How many warm-up lifecycles ran before the measured one.</summary>
    public int WarmUpLifecycles { get; private set; }

    private async Task WarmUpLifecycleAsync(int perReplica, CancellationToken cancellationToken)
    {
        var script = LifecycleScript.WarmUp(6, run.Interval);
        var jobId = await simulator.CreateJobAsync(script, cancellationToken);
        var counts = Enumerable.Repeat(perReplica, settings.Replicas).ToList();
        using var clients = new GatewayClients(cluster.Replicas, counts, run.ClientStreamsPerConnection);
        var counters = new WatchCounters();
        var watchers = Enumerable.Range(0, perReplica * settings.Replicas).Select(i => new Watcher(i, 0, i % settings.Replicas)).ToList();
        var tasks = new List<Task>();
        foreach (var watcher in watchers)
        {
            tasks.Add(watcher.RunAsync(clients.For(watcher.Replica, watcher.Index / settings.Replicas), jobId, Headers, counters, cancellationToken));
            if (watcher.Index == 0)
            {
                await watcher.Connected.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
        }

        await Task.WhenAll(watchers.Select(w => w.Connected.Task)).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await simulator.AdvanceAsync(jobId, cancellationToken);
        progress.Status(() => string.Create(CultureInfo.InvariantCulture, $"terminal {counters.Terminal}/{watchers.Count}  messages {counters.Messages}"));
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60) + (script.Steps.Count * run.Interval * 2), cancellationToken);
    }

    /// <summary>
    /// Advances the jobs spread evenly over one interval: their poll schedules started within moments of
    /// each other, and advancing them at once would make their first changes land at the same poll phase.
    /// </summary>
    internal static Task AdvanceStaggeredAsync(SimulatorClient simulator, IReadOnlyList<JobRun> jobs, TimeSpan interval, CancellationToken cancellationToken) =>
        Task.WhenAll(jobs.Select(async job =>
        {
            await Task.Delay(interval * job.Index / jobs.Count, cancellationToken);
            await simulator.AdvanceAsync(job.JobId, cancellationToken);
        }));

    internal static async Task<List<JobRun>> CreateJobsAsync(SimulatorClient simulator, IReadOnlyList<LifecycleScript> scripts, CancellationToken cancellationToken)
    {
        var jobs = new List<JobRun>(scripts.Count);
        for (var i = 0; i < scripts.Count; i++)
        {
            jobs.Add(new JobRun(i, await simulator.CreateJobAsync(scripts[i], cancellationToken), scripts[i]));
        }

        return jobs;
    }

    private string Rss() => string.Join("  ", cluster.Replicas.Select(r =>
        string.Create(CultureInfo.InvariantCulture, $"gw{r.Index} {(r.Sampler.Samples is [.., var last] ? last.RssKiB / 1024.0 : 0):F0} MiB")));

    /// <summary>Per replica, <c>jobgateway_leases_held</c> from its /metrics, when it exposes one.</summary>
    private Task<IReadOnlyList<double?>> LeaseCountsAsync(CancellationToken cancellationToken) =>
        MetricAsync("jobgateway_leases_held", cancellationToken);

    /// <summary>Per replica, the sum of the samples of <paramref name="metric"/> on its /metrics; null where it has none.</summary>
    private async Task<IReadOnlyList<double?>> MetricAsync(string metric, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var values = new List<double?>();
        foreach (var replica in cluster.Replicas)
        {
            double? sum = null;
            try
            {
                var text = await http.GetStringAsync(new Uri(replica.Http, "metrics"), cancellationToken);
                foreach (var line in text.Split('\n'))
                {
                    if (line.StartsWith(metric, StringComparison.Ordinal) && line.Length > metric.Length && line[metric.Length] is ' ' or '{'
                        && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    {
                        sum = (sum ?? 0) + value;
                    }
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            values.Add(sum);
        }

        return values;
    }
}
