using JobGateway.Analysis;
using JobGateway.V1;

namespace JobGateway.Polling;

/// <summary>The only place that decides whether a job state is terminal (JGW0003).</summary>
[TerminalStateAuthority]
internal static class JobStates
{
    /// <summary>True for the states after which the upstream never changes the job again.</summary>
    public static bool IsTerminal(JobState state) =>
        state is JobState.Completed or JobState.Failed or JobState.Cancelled;
}
