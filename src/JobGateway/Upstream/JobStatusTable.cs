using System.Collections.Frozen;
using JobGateway.Analysis;
using JobGateway.V1;

namespace JobGateway.Upstream;

/// <summary>The one mapping of upstream status strings to <see cref="JobState"/> (checked total by JGW0002).</summary>
internal static class JobStatusTable
{
    [JobStatusTable]
    private static readonly FrozenDictionary<string, JobState> ByStatus = new Dictionary<string, JobState>(StringComparer.Ordinal)
    {
        ["backlogged"] = JobState.Backlogged,
        ["queued"] = JobState.Queued,
        ["scheduled"] = JobState.Scheduled,
        ["processing"] = JobState.Processing,
        ["sampling"] = JobState.Sampling,
        ["intermediate-complete"] = JobState.IntermediateComplete,
        ["completed"] = JobState.Completed,
        ["failed"] = JobState.Failed,
        ["cancelled"] = JobState.Cancelled,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The state for an upstream status; <see cref="JobState.Unspecified"/> for one never seen before.</summary>
    public static JobState ToState(string status) =>
        ByStatus.TryGetValue(status, out var state) ? state : JobState.Unspecified;

    /// <summary>The upstream's spelling of a state, for messages.</summary>
    public static string Describe(JobState state) => state switch
    {
        JobState.Unspecified => "unknown",
        JobState.Backlogged => "backlogged",
        JobState.Queued => "queued",
        JobState.Scheduled => "scheduled",
        JobState.Processing => "processing",
        JobState.Sampling => "sampling",
        JobState.IntermediateComplete => "intermediate-complete",
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => "unknown",
    };
}
