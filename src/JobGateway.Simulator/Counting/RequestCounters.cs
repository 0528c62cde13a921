using System.Collections.Concurrent;

namespace JobGateway.Simulator.Counting;

/// <summary>Lock-free request counts per Krea route and per job id.</summary>
internal sealed class RequestCounters
{
    private static readonly string[] RouteNames = [KreaRoutes.Generate, KreaRoutes.GetJob, KreaRoutes.CancelJob, KreaRoutes.ListJobs];

    private readonly long[] routes = new long[RouteNames.Length];
    private readonly ConcurrentDictionary<Guid, JobCounterCell> jobs = new();

    public void Count(KreaRoute route, Guid? jobId)
    {
        Interlocked.Increment(ref routes[(int)route]);
        if (jobId is { } id)
        {
            jobs.GetOrAdd(id, static _ => new JobCounterCell()).Increment(route);
        }
    }

    /// <summary>Counts a request to the job that its caller abandoned before the simulator answered.</summary>
    public void CountAborted(Guid? jobId)
    {
        if (jobId is { } id)
        {
            jobs.GetOrAdd(id, static _ => new JobCounterCell()).IncrementAborted();
        }
    }

    public JobRequestCounts Read(Guid jobId) => jobs.TryGetValue(jobId, out var cell) ? cell.Read() : default;

    public CounterSnapshot Snapshot()
    {
        var byRoute = new Dictionary<string, long>(RouteNames.Length, StringComparer.Ordinal);
        var total = 0L;
        for (var i = 0; i < RouteNames.Length; i++)
        {
            var count = Interlocked.Read(ref routes[i]);
            byRoute[RouteNames[i]] = count;
            total += count;
        }

        var byJob = jobs.ToDictionary(pair => pair.Key, pair => pair.Value.Read());
        return new CounterSnapshot(byRoute, byJob, total);
    }

    public void Reset()
    {
        for (var i = 0; i < routes.Length; i++)
        {
            Interlocked.Exchange(ref routes[i], 0);
        }

        jobs.Clear();
    }
}
