namespace JobGateway.Simulator.Lifecycle;

/// <summary>
/// One entry of a job's <see cref="StatusHistory"/>: step <see cref="StepIndex"/> of the timeline
/// <see cref="Source"/>. Reads of the job update the served fields without a lock.
/// </summary>
internal sealed class StatusRecord(string status, DateTimeOffset setAt, JobTimeline source, int stepIndex)
{
    private long served;
    private long firstServedTicks = long.MaxValue;
    private long lastServedTicks = long.MinValue;

    public string Status { get; } = status;

    public DateTimeOffset SetAt { get; } = setAt;

    public JobTimeline Source { get; } = source;

    public int StepIndex { get; } = stepIndex;

    public void Serve(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;

        // Concurrent reads may finish in any order: keep the earliest and the latest instant.
        var seen = Interlocked.Read(ref firstServedTicks);
        while (ticks < seen)
        {
            var previous = Interlocked.CompareExchange(ref firstServedTicks, ticks, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        seen = Interlocked.Read(ref lastServedTicks);
        while (ticks > seen)
        {
            var previous = Interlocked.CompareExchange(ref lastServedTicks, ticks, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        // Counted last, so that a reader that sees a count also sees both instants.
        Interlocked.Increment(ref served);
    }

    public StatusTimelineEntry ToEntry()
    {
        var count = Interlocked.Read(ref served);
        return count == 0
            ? new StatusTimelineEntry(Status, SetAt, null, null, 0)
            : new StatusTimelineEntry(
                Status,
                SetAt,
                new DateTimeOffset(Interlocked.Read(ref firstServedTicks), TimeSpan.Zero),
                new DateTimeOffset(Interlocked.Read(ref lastServedTicks), TimeSpan.Zero),
                count);
    }
}
