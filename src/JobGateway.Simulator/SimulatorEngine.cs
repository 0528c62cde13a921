using System.Collections.Concurrent;
using JobGateway.Simulator.Counting;
using JobGateway.Simulator.Faults;
using JobGateway.Simulator.Lifecycle;

namespace JobGateway.Simulator;

/// <summary>
/// The simulator's in-memory state: jobs, faults and request counters. The HTTP API and the
/// control API call these same members; tests may call them directly. Thread-safe.
/// </summary>
public sealed class SimulatorEngine
{
    /// <summary>The largest page <see cref="ListJobs"/> returns, as Krea's <c>limit</c>.</summary>
    public const int MaxListLimit = 1000;

    private readonly ConcurrentDictionary<Guid, JobRecord> jobs = new();
    private readonly Random random;
    private readonly Lock randomGate = new();
    private long sequence;

    /// <summary>Creates an empty engine.</summary>
    /// <param name="timeProvider">The clock behind every lifecycle and latency.</param>
    /// <param name="randomSeed">Seed of fault rates and result URL counts; null seeds from the system.</param>
    public SimulatorEngine(TimeProvider timeProvider, int? randomSeed = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
#pragma warning disable CA5394 // Simulated faults need a reproducible sequence, not unpredictability.
        random = randomSeed is { } seed ? new Random(seed) : new Random();
#pragma warning restore CA5394
        Faults = new FaultBoard(NextDouble);
    }

    /// <summary>The clock behind every lifecycle and latency.</summary>
    public TimeProvider TimeProvider { get; }

    internal RequestCounters Counters { get; } = new();

    internal FaultBoard Faults { get; }

    /// <summary>Creates a job in <paramref name="workspace"/> that follows <paramref name="spec"/> from now on.</summary>
    /// <param name="workspace">The workspace the job belongs to.</param>
    /// <param name="spec">The lifecycle; null is the default preset.</param>
    /// <returns>The job as it stands right after creation.</returns>
    /// <exception cref="SimulatorValidationException">The spec cannot be simulated; the message names the field.</exception>
    public SimulatedJob CreateJob(string workspace, SimulationSpec? spec = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspace);
        var id = Guid.NewGuid();
        var script = ScriptCompiler.Compile(spec ?? new SimulationSpec(), id, defaultUrlCount: NextInt(1, 5));
        var now = TimeProvider.GetUtcNow();
        var job = new JobRecord(id, workspace, now, Interlocked.Increment(ref sequence), script);
        jobs[id] = job;
        return job.View(now);
    }

    /// <summary>Reads a job the way <c>GET /jobs/{id}</c> does.</summary>
    /// <param name="workspace">The caller's workspace.</param>
    /// <param name="jobId">The job.</param>
    /// <returns>The job now; null when it does not exist or belongs to another workspace.</returns>
    public SimulatedJob? GetJob(string workspace, Guid jobId) =>
        jobs.TryGetValue(jobId, out var job) && job.Workspace == workspace ? job.View(TimeProvider.GetUtcNow()) : null;

    /// <summary>Answers <c>GET /jobs/{id}</c>: <see cref="GetJob(string, Guid)"/>, and records the status served in the job's timeline.</summary>
    internal SimulatedJob? ServeJob(string workspace, Guid jobId) =>
        jobs.TryGetValue(jobId, out var job) && job.Workspace == workspace ? job.Serve(TimeProvider.GetUtcNow()) : null;

    /// <summary>
    /// The statuses a job has taken so far, oldest first: when each began (by script, advance, control
    /// API or cancel) and when <c>GET /jobs/{id}</c> first and last answered it. Reads through
    /// <see cref="GetJob(string, Guid)"/> and the control API are not counted as served.
    /// </summary>
    /// <param name="jobId">The job, in any workspace.</param>
    /// <returns>The timeline; null when the job does not exist.</returns>
    public IReadOnlyList<StatusTimelineEntry>? GetTimeline(Guid jobId) =>
        jobs.TryGetValue(jobId, out var job) ? job.Timeline(TimeProvider.GetUtcNow()) : null;

    /// <summary>Reads a job regardless of its workspace.</summary>
    /// <param name="jobId">The job.</param>
    /// <returns>The job now; null when it does not exist.</returns>
    public SimulatedJob? GetJob(Guid jobId) =>
        jobs.TryGetValue(jobId, out var job) ? job.View(TimeProvider.GetUtcNow()) : null;

    /// <summary>Cancels a job the way <c>DELETE /jobs/{id}</c> does: only while it is queued or processing.</summary>
    /// <param name="workspace">The caller's workspace.</param>
    /// <param name="jobId">The job.</param>
    /// <returns>What happened, and the job afterwards.</returns>
    public CancelJobResult CancelJob(string workspace, Guid jobId) =>
        jobs.TryGetValue(jobId, out var job) && job.Workspace == workspace
            ? job.Cancel(TimeProvider.GetUtcNow())
            : new CancelJobResult(CancelJobOutcome.NotFound, null);

    /// <summary>Lists a workspace's jobs the way <c>GET /jobs</c> does, newest first.</summary>
    /// <param name="workspace">The caller's workspace.</param>
    /// <param name="createdBefore">Only jobs created strictly before this instant; null for all.</param>
    /// <param name="limit">Page size, 1 to <see cref="MaxListLimit"/>.</param>
    /// <param name="status">Only jobs whose current status is this; null for all.</param>
    /// <returns>One page and the cursor of the next.</returns>
    public SimulatedJobPage ListJobs(string workspace, DateTimeOffset? createdBefore = null, int limit = 100, string? status = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        var now = TimeProvider.GetUtcNow();
        var page = jobs.Values
            .Where(job => job.Workspace == workspace && (createdBefore is null || job.CreatedAt < createdBefore))
            .OrderByDescending(job => job.CreatedAt)
            .ThenByDescending(job => job.Sequence)
            .Select(job => job.View(now))
            .Where(job => status is null || job.Status == status)
            .Take(limit + 1)
            .ToList();
        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(limit);
        }

        return new SimulatedJobPage(page, more ? page[^1].CreatedAt : null);
    }

    /// <summary>Moves a pending job to its next scripted step now; after the last step, to its outcome.</summary>
    /// <param name="jobId">The job, in any workspace.</param>
    /// <returns>The job afterwards.</returns>
    /// <exception cref="KeyNotFoundException">No such job.</exception>
    /// <exception cref="InvalidOperationException">The job is already terminal.</exception>
    public SimulatedJob Advance(Guid jobId) => Find(jobId).Advance(TimeProvider.GetUtcNow());

    /// <summary>
    /// Sets any status, documented or not, with the result the job's script gives that status
    /// (URLs for completed, the error for failed, intermediate URLs for intermediate-complete,
    /// none otherwise). The status holds until changed again; <see cref="Advance"/> resumes
    /// the script at the step after the one it was in.
    /// </summary>
    /// <param name="jobId">The job, in any workspace.</param>
    /// <param name="status">The new status; completed, failed and cancelled set <c>completed_at</c>.</param>
    /// <returns>The job afterwards.</returns>
    /// <exception cref="KeyNotFoundException">No such job.</exception>
    public SimulatedJob SetStatus(Guid jobId, string status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        return Find(jobId).SetStatus(TimeProvider.GetUtcNow(), status, null, useDefaultResult: true);
    }

    /// <summary>Sets any status, documented or not, with exactly <paramref name="result"/>.</summary>
    /// <param name="jobId">The job, in any workspace.</param>
    /// <param name="status">The new status; completed, failed and cancelled set <c>completed_at</c>.</param>
    /// <param name="result">The result to show; null shows <c>"result": null</c>.</param>
    /// <returns>The job afterwards.</returns>
    /// <exception cref="KeyNotFoundException">No such job.</exception>
    public SimulatedJob SetStatus(Guid jobId, string status, SimulatedJobResult? result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        return Find(jobId).SetStatus(TimeProvider.GetUtcNow(), status, result, useDefaultResult: false);
    }

    /// <summary>Requests counted since start or the last <see cref="ResetCounters"/>.</summary>
    /// <returns>Counts per route and per job id.</returns>
    public CounterSnapshot GetCounters() => Counters.Snapshot();

    /// <summary>Requests counted for one job id.</summary>
    /// <param name="jobId">The job id, existing or not.</param>
    /// <returns>Its <c>GET</c> and <c>DELETE</c> counts; zero when none arrived.</returns>
    public JobRequestCounts GetJobCounters(Guid jobId) => Counters.Read(jobId);

    /// <summary>Sets every counter to zero.</summary>
    public void ResetCounters() => Counters.Reset();

    /// <summary>Installs a fault on every Krea route, replacing the previous global fault.</summary>
    /// <param name="fault">The fault.</param>
    /// <exception cref="SimulatorValidationException">The fault is inconsistent; the message says why.</exception>
    public void SetFault(FaultSpec fault) => Faults.Set(fault);

    /// <summary>Installs a fault on <c>GET</c> and <c>DELETE /jobs/{id}</c> of one job id (existing or not); tried before the global fault.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="fault">The fault.</param>
    /// <exception cref="SimulatorValidationException">The fault is inconsistent; the message says why.</exception>
    public void SetFault(Guid jobId, FaultSpec fault) => Faults.Set(jobId, fault);

    /// <summary>Removes the global fault.</summary>
    public void ClearFault() => Faults.Clear();

    /// <summary>Removes the fault of one job id.</summary>
    /// <param name="jobId">The job id.</param>
    public void ClearFault(Guid jobId) => Faults.Clear(jobId);

    private JobRecord Find(Guid jobId) =>
        jobs.TryGetValue(jobId, out var job) ? job : throw new KeyNotFoundException($"Job {jobId} not found");

#pragma warning disable CA5394 // See the constructor.
    private double NextDouble()
    {
        lock (randomGate)
        {
            return random.NextDouble();
        }
    }

    private int NextInt(int minValue, int maxValue)
    {
        lock (randomGate)
        {
            return random.Next(minValue, maxValue);
        }
    }
#pragma warning restore CA5394
}
