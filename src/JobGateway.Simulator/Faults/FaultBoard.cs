using System.Collections.Concurrent;

namespace JobGateway.Simulator.Faults;

/// <summary>The installed faults: at most one global and one per job id. A job's own fault is tried first.</summary>
internal sealed class FaultBoard(Func<double> nextDouble)
{
    private const int MaxLatencyMs = 10 * 60 * 1000;

    private readonly ConcurrentDictionary<Guid, ActiveFault> perJob = new();
    private volatile ActiveFault? global;

    public void Set(FaultSpec fault) => global = new ActiveFault(Validate(fault));

    public void Set(Guid jobId, FaultSpec fault) => perJob[jobId] = new ActiveFault(Validate(fault));

    public void Clear() => global = null;

    public void Clear(Guid jobId) => perJob.TryRemove(jobId, out _);

    /// <summary>The fault the current request gets, if any.</summary>
    public FaultSpec? Take(Guid? jobId)
    {
        if (jobId is { } id && perJob.TryGetValue(id, out var jobFault))
        {
            if (jobFault.TryFire(nextDouble))
            {
                return jobFault.Spec;
            }

            if (jobFault.IsSpent)
            {
                perJob.TryRemove(KeyValuePair.Create(id, jobFault));
            }
        }

        var globalFault = global;
        if (globalFault is null)
        {
            return null;
        }

        if (globalFault.TryFire(nextDouble))
        {
            return globalFault.Spec;
        }

        if (globalFault.IsSpent)
        {
            Interlocked.CompareExchange(ref global, null, globalFault);
        }

        return null;
    }

    private static FaultSpec Validate(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Status is null && !fault.Drop && fault.Latency <= TimeSpan.Zero)
        {
            throw Invalid("A fault needs status, drop or latency_ms; e.g. {\"status\": 503, \"count\": 2}");
        }

        if (fault.Status is { } status && status is < 400 or > 599)
        {
            throw Invalid($"status {status} is not an error status; give one from 400 to 599");
        }

        if (fault.Status is not null && fault.Drop)
        {
            throw Invalid("status and drop exclude each other: a dropped connection sends no status");
        }

        if (fault.RetryAfterSeconds is { } retryAfter && (retryAfter < 0 || fault.Status is null))
        {
            throw Invalid("retry_after_seconds needs a status and must not be negative");
        }

        if (fault.Count is not null && fault.Rate is not null)
        {
            throw Invalid("count and rate exclude each other; give one, or neither for every request");
        }

        if (fault.Count is < 1)
        {
            throw Invalid($"count {fault.Count} must be at least 1");
        }

        if (fault.Rate is { } rate && !(rate > 0 && rate <= 1))
        {
            throw Invalid($"rate {rate} must be greater than 0 and at most 1");
        }

        if (fault.Latency < TimeSpan.Zero || fault.Latency > TimeSpan.FromMilliseconds(MaxLatencyMs))
        {
            throw Invalid($"latency_ms must be from 0 to {MaxLatencyMs}");
        }

        return fault;
    }

    private static SimulatorValidationException Invalid(string message) => new(message);
}
