namespace JobGateway.Simulator.Lifecycle;

/// <summary>
/// One job. Its status is never stored: it is computed on every read from the creation time,
/// the script, the clock and any pin, so a fake clock decides it exactly. Changes swap an
/// immutable <see cref="JobTimeline"/> under a per-job lock; reads take no lock, except the first read
/// that serves a status not yet in the job's <see cref="StatusHistory"/>.
/// </summary>
internal sealed class JobRecord(Guid id, string workspace, DateTimeOffset createdAt, long sequence, JobScript script)
{
    private readonly Lock gate = new();
    private readonly StatusHistory history = new(script);
    private volatile JobTimeline timeline = new(0, createdAt, null);

    public Guid Id { get; } = id;

    public string Workspace { get; } = workspace;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Creation order, to sort jobs created at the same instant.</summary>
    public long Sequence { get; } = sequence;

    public SimulatedJob View(DateTimeOffset now) => ToJob(Evaluate(timeline, now));

    /// <summary>The job as <c>GET /jobs/{id}</c> answers it at <paramref name="now"/>, recorded in the status history.</summary>
    public SimulatedJob Serve(DateTimeOffset now)
    {
        var at = timeline;
        var state = Evaluate(at, now);
        var record = history.Latest(at, state.StepIndex);
        if (record is null)
        {
            lock (gate)
            {
                history.CatchUp(timeline, now);

                // Null only when a change raced this read by microseconds; the status then goes unrecorded.
                record = history.Find(at, state.StepIndex);
            }
        }

        record?.Serve(now);
        return ToJob(state);
    }

    /// <summary>Every status the job has taken up to <paramref name="now"/>, oldest first.</summary>
    public StatusTimelineEntry[] Timeline(DateTimeOffset now)
    {
        lock (gate)
        {
            history.CatchUp(timeline, now);
            return history.ToEntries();
        }
    }

    public CancelJobResult Cancel(DateTimeOffset now)
    {
        lock (gate)
        {
            var state = Evaluate(timeline, now);
            if (!JobStatuses.IsCancellable(state.Status))
            {
                return new CancelJobResult(CancelJobOutcome.NotCancellable, ToJob(state));
            }

            Replace(new JobTimeline(state.StepIndex, now, new JobPin(JobStatuses.Cancelled, null, now)), now);
            return new CancelJobResult(CancelJobOutcome.Cancelled, View(now));
        }
    }

    public SimulatedJob Advance(DateTimeOffset now)
    {
        lock (gate)
        {
            var state = Evaluate(timeline, now);
            if (state.CompletedAt is not null)
            {
                throw new InvalidOperationException($"Job {Id} is already in terminal status '{state.Status}'; there is no next step to advance to");
            }

            Replace(new JobTimeline(state.StepIndex + 1, now, null), now);
            return View(now);
        }
    }

    /// <param name="useDefaultResult">True: the result the script gives <paramref name="status"/>; false: exactly <paramref name="result"/>.</param>
    public SimulatedJob SetStatus(DateTimeOffset now, string status, SimulatedJobResult? result, bool useDefaultResult)
    {
        lock (gate)
        {
            var state = Evaluate(timeline, now);
            var pin = new JobPin(
                status,
                useDefaultResult ? script.ResultFor(status) : result,
                JobStatuses.IsTerminal(status) ? now : null);
            Replace(new JobTimeline(state.StepIndex, now, pin), now);
            return View(now);
        }
    }

    /// <summary>Call under the lock. Records the old timeline's steps up to the change before the new one starts.</summary>
    private void Replace(JobTimeline next, DateTimeOffset now)
    {
        history.CatchUp(timeline, now);
        timeline = next;
        history.CatchUp(next, now);
    }

    private JobState Evaluate(JobTimeline at, DateTimeOffset now)
    {
        if (at.Pin is { } pin)
        {
            return new JobState(pin.Status, pin.Result, pin.CompletedAt, at.StepIndex);
        }

        var steps = script.Steps;
        var index = at.StepIndex;
        var stepStartedAt = at.StepStartedAt;
        while (index < steps.Count && steps[index].Duration is { } duration && stepStartedAt + duration <= now)
        {
            stepStartedAt += duration;
            index++;
        }

        if (index >= steps.Count)
        {
            return new JobState(script.Outcome, script.ResultFor(script.Outcome), stepStartedAt, steps.Count);
        }

        var status = steps[index].Status;
        return new JobState(status, script.ResultFor(status), null, index);
    }

    private SimulatedJob ToJob(JobState state) =>
        new(Id, Workspace, state.Status, CreatedAt, state.CompletedAt, state.Result, script.Extra);
}
