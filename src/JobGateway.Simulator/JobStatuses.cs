namespace JobGateway.Simulator;

/// <summary>The job statuses Krea documents. Jobs may also carry statuses outside this list.</summary>
public static class JobStatuses
{
    /// <summary>Pending: waiting for capacity.</summary>
    public const string Backlogged = "backlogged";

    /// <summary>Pending: accepted and waiting to run; cancellable.</summary>
    public const string Queued = "queued";

    /// <summary>Pending: assigned to a worker.</summary>
    public const string Scheduled = "scheduled";

    /// <summary>Pending: running; cancellable.</summary>
    public const string Processing = "processing";

    /// <summary>Pending: the model is sampling.</summary>
    public const string Sampling = "sampling";

    /// <summary>Pending: intermediate results are available in the job's result.</summary>
    public const string IntermediateComplete = "intermediate-complete";

    /// <summary>Terminal: finished with result URLs.</summary>
    public const string Completed = "completed";

    /// <summary>Terminal: finished with an error in the result.</summary>
    public const string Failed = "failed";

    /// <summary>Terminal: cancelled before it finished.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Whether <paramref name="status"/> is one of Krea's documented terminal statuses.</summary>
    /// <param name="status">A job status.</param>
    /// <returns>True for completed, failed and cancelled.</returns>
    public static bool IsTerminal(string status) => status is Completed or Failed or Cancelled;

    /// <summary>Whether <paramref name="status"/> is one of Krea's documented pending statuses.</summary>
    /// <param name="status">A job status.</param>
    /// <returns>True for backlogged, queued, scheduled, processing, sampling and intermediate-complete.</returns>
    public static bool IsDocumentedPending(string status) =>
        status is Backlogged or Queued or Scheduled or Processing or Sampling or IntermediateComplete;

    /// <summary>Whether Krea allows cancelling a job in <paramref name="status"/>.</summary>
    /// <param name="status">A job status.</param>
    /// <returns>True for queued and processing only.</returns>
    public static bool IsCancellable(string status) => status is Queued or Processing;
}
