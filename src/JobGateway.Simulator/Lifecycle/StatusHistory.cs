namespace JobGateway.Simulator.Lifecycle;

/// <summary>
/// The statuses a job has taken, in order, and when reads served each one. A status is computed on
/// every read, so the history is written lazily: whoever needs it walks the current timeline up to now
/// and appends the steps not recorded yet. Appends happen under the job's lock; serving does not lock
/// once the status it served is recorded.
/// </summary>
internal sealed class StatusHistory(JobScript script)
{
    private readonly List<StatusRecord> records = [];
    private JobTimeline? source;
    private int recordedFromSource;
    private volatile StatusRecord? last;

    /// <summary>The record of step <paramref name="stepIndex"/> of <paramref name="at"/>, when it is the latest one (no lock).</summary>
    public StatusRecord? Latest(JobTimeline at, int stepIndex) =>
        last is { } record && ReferenceEquals(record.Source, at) && record.StepIndex == stepIndex ? record : null;

    /// <summary>Call under the job's lock.</summary>
    public StatusRecord? Find(JobTimeline at, int stepIndex)
    {
        for (var i = records.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(records[i].Source, at) && records[i].StepIndex == stepIndex)
            {
                return records[i];
            }
        }

        return null;
    }

    /// <summary>Appends every status <paramref name="at"/> has reached by <paramref name="now"/> and that is not recorded yet. Call under the job's lock.</summary>
    public void CatchUp(JobTimeline at, DateTimeOffset now)
    {
        if (!ReferenceEquals(source, at))
        {
            source = at;
            recordedFromSource = 0;
        }

        // Clocks of concurrent callers may disagree slightly: a caller behind the last one walks fewer
        // steps than are recorded and appends nothing.
        var walked = 0;
        foreach (var (status, setAt, stepIndex) in Transitions(at, now))
        {
            if (++walked <= recordedFromSource)
            {
                continue;
            }

            var record = new StatusRecord(status, setAt, at, stepIndex);
            records.Add(record);
            last = record;
            recordedFromSource = walked;
        }
    }

    /// <summary>Call under the job's lock.</summary>
    public StatusTimelineEntry[] ToEntries() => [.. records.Select(record => record.ToEntry())];

    /// <summary>The statuses <paramref name="at"/> passes through up to <paramref name="now"/>, as <see cref="JobRecord"/> evaluates them.</summary>
    private IEnumerable<(string Status, DateTimeOffset SetAt, int StepIndex)> Transitions(JobTimeline at, DateTimeOffset now)
    {
        if (at.Pin is { } pin)
        {
            yield return (pin.Status, at.StepStartedAt, at.StepIndex);
            yield break;
        }

        var steps = script.Steps;
        var index = at.StepIndex;
        var startedAt = at.StepStartedAt;
        yield return (index < steps.Count ? steps[index].Status : script.Outcome, startedAt, Math.Min(index, steps.Count));
        while (index < steps.Count && steps[index].Duration is { } duration && startedAt + duration <= now)
        {
            startedAt += duration;
            index++;
            yield return (index < steps.Count ? steps[index].Status : script.Outcome, startedAt, index);
        }
    }
}
