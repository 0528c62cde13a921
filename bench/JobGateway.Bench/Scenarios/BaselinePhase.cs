using System.Globalization;
using System.Net.Http.Headers;
using JobGateway.Bench.Baseline;
using JobGateway.Bench.Processes;
using JobGateway.Bench.Upstream;
using JobGateway.Bench.Watching;

namespace JobGateway.Bench.Scenarios;

/// <summary>
/// The same lifecycles, followed the way clients do today: one REST poller per watcher, each polling the
/// simulator directly. Poller starts are spread evenly over one interval (each then keeps its own fixed
/// cadence), and every job advances only once all its pollers have made their first request.
/// </summary>
internal sealed class BaselinePhase(RunSettings run, WatchSettings settings, Cluster cluster, SimulatorClient simulator, Progress progress)
{
    public async Task<BaselineOutcome> RunAsync(IReadOnlyList<LifecycleScript> scripts, CancellationToken cancellationToken)
    {
        var times = new PhaseTimes { Ready = DateTime.UtcNow };
        progress.Phase(string.Create(CultureInfo.InvariantCulture, $"baseline: the same {settings.Jobs} lifecycle(s), each followed by {settings.WatchersPerJob} clients polling GET /jobs/{{id}} every {run.Interval.TotalSeconds:0.###} s"));
        var jobs = await GatewayPhase.CreateJobsAsync(simulator, scripts, cancellationToken);

        using var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60), ConnectTimeout = TimeSpan.FromSeconds(10) };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = cluster.SimulatorUri, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorClient.Token);
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var counters = new WatchCounters();
        var pollers = new List<RestPoller>(settings.Streams);
        var tasks = new List<Task>(settings.Streams);
        for (var j = 0; j < settings.Jobs; j++)
        {
            for (var k = 0; k < settings.WatchersPerJob; k++)
            {
                var poller = new RestPoller(pollers.Count, j);
                pollers.Add(poller);
                var startDelay = run.Interval * k / settings.WatchersPerJob;
                tasks.Add(poller.RunAsync(http, jobs[j].JobId, run.Interval, startDelay, counters, polling.Token));
            }
        }

        progress.Status(() => string.Create(CultureInfo.InvariantCulture, $"pollers started {counters.Opened}/{pollers.Count}  failed {counters.Failed}"));
        await Task.WhenAll(pollers.Select(p => p.Connected.Task)).WaitAsync(run.Interval + TimeSpan.FromSeconds(60), cancellationToken);
        times.Connected = DateTime.UtcNow;
        cluster.SampleAll();
        await Task.Delay(settings.Hold, cancellationToken);
        times.HoldEnd = DateTime.UtcNow;
        cluster.SampleAll();

        progress.Phase(string.Create(CultureInfo.InvariantCulture, $"advancing {jobs.Count} job(s)"));
        times.Advanced = DateTime.UtcNow;
        cluster.SampleAll();
        await GatewayPhase.AdvanceStaggeredAsync(simulator, jobs, run.Interval, cancellationToken);
        progress.Status(() => string.Create(CultureInfo.InvariantCulture, $"terminal {counters.Terminal}/{pollers.Count}  failed {counters.Failed}"));

        var longest = scripts.Max(s => s.Steps.Sum(step => step.Seconds));
        var timedOut = false;
        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(longest + 30) + run.Interval, cancellationToken);
        }
        catch (TimeoutException)
        {
            timedOut = true;
            await polling.CancelAsync();
        }

        times.Done = DateTime.UtcNow;
        cluster.SampleAll();
        foreach (var job in jobs)
        {
            await job.CollectAsync(simulator, cancellationToken);
        }

        return new BaselineOutcome(jobs, pollers, times, timedOut);
    }
}
