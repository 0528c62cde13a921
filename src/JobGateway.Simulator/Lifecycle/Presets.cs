namespace JobGateway.Simulator.Lifecycle;

internal static class Presets
{
    public const string Default = "default";
    public const string Fast = "fast";
    public const string Failed = "failed";
    public const string Undocumented = "undocumented";
    public const string Manual = "manual";

    public const string UndocumentedStatus = "warming-up";

    public static readonly string Names = string.Join(", ", Default, Fast, Failed, Undocumented, Manual);

    public static bool TryGet(string name, out IReadOnlyList<ScriptStep> steps, out string outcome)
    {
        var twoSeconds = TimeSpan.FromSeconds(2);
        (steps, outcome) = name switch
        {
            Default => (Steps(twoSeconds, JobStatuses.Queued, JobStatuses.Processing, JobStatuses.Sampling), JobStatuses.Completed),
            Fast => (Steps(TimeSpan.FromSeconds(0.2), JobStatuses.Queued, JobStatuses.Processing, JobStatuses.Sampling), JobStatuses.Completed),
            Failed => (Steps(twoSeconds, JobStatuses.Queued, JobStatuses.Processing), JobStatuses.Failed),
            Undocumented => (Steps(twoSeconds, JobStatuses.Queued, UndocumentedStatus, JobStatuses.Processing), JobStatuses.Completed),
            Manual => (Steps(null, JobStatuses.Queued, JobStatuses.Processing, JobStatuses.Sampling), JobStatuses.Completed),
            _ => ((IReadOnlyList<ScriptStep>)[], string.Empty),
        };
        return steps.Count > 0;
    }

    private static ScriptStep[] Steps(TimeSpan? duration, params string[] statuses) =>
        Array.ConvertAll(statuses, status => new ScriptStep(status, duration));
}
