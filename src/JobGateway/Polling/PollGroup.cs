using Grpc.Core;
using JobGateway.Analysis;
using JobGateway.Coordination;
using JobGateway.Upstream;
using JobGateway.V1;

namespace JobGateway.Polling;

/// <summary>
/// One (credential scope, job) in this process: its watchers, its latest snapshot and the loop that
/// polls the upstream while this replica holds the group's lease (DESIGN section 3). Watch streams and
/// unary calls register interest; the group lingers for <see cref="PollingOptions.Linger"/> after the
/// last one leaves, then releases the lease and is freed.
/// </summary>
[UpstreamPoller]
internal sealed partial class PollGroup : IPollGroupListener
{
    private readonly Lock gate = new();
    // A set, not a list: when a job ends, thousands of streams leave at once, and removing each from a
    // list is a linear scan under the lock (quadratic in all; 23% of CPU in the 10k-watcher benchmark).
    private readonly HashSet<JobWatch> watchers = [];
    private readonly List<FreshWaiter> freshWaiters = [];
    private readonly HashSet<string> pendingRequests = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CallerToken token;
    private readonly PollGroupContext context;
    private readonly string owner;
    private readonly CancellationToken stopping;
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? inFlightPoll;
    private DateTimeOffset? inFlightStartedAt;
    private GroupState? state;
    private JobSnapshot? latest;
    private WatchEnd? shutdown;
    private int interest;
    private DateTimeOffset idleSince;
    private bool pollRequested;
    private bool holdsLease;
    private bool leaseReleased;
    private bool started;
    private bool closed;

    public PollGroup(PollGroupKey key, CallerToken token, string owner, PollGroupContext context, CancellationToken stopping)
    {
        Key = key;
        this.token = token;
        this.owner = owner;
        this.context = context;
        this.stopping = stopping;
    }

    public PollGroupKey Key { get; }

    /// <summary>The loop; completes when the group is freed.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public int WatcherCount
    {
        get
        {
            lock (gate)
            {
                return watchers.Count;
            }
        }
    }

    /// <summary>Whether this replica polls the group now (metrics, tests).</summary>
    public bool HoldsLease
    {
        get
        {
            lock (gate)
            {
                return holdsLease;
            }
        }
    }

    private PollingOptions Options => context.Options;

    private DateTimeOffset Now => context.TimeProvider.GetUtcNow();

    /// <summary>Registers interest; false when the group is already closing (take a new one).</summary>
    public bool TryEnter()
    {
        lock (gate)
        {
            if (closed)
            {
                return false;
            }

            interest++;
            if (!started)
            {
                started = true;
                Completion = Task.Run(RunAsync, CancellationToken.None);
            }

            return true;
        }
    }

    /// <summary>Drops interest taken by <see cref="TryEnter"/>. A poll that nobody waits for any more is cancelled.</summary>
    public void Leave()
    {
        lock (gate)
        {
            interest--;
            if (interest == 0)
            {
                idleSince = Now;
                inFlightPoll?.Cancel();
            }

            SignalLocked();
        }
    }

    /// <summary>Adds a watch stream (after <see cref="TryEnter"/>); disposing it leaves the group.</summary>
    public JobWatch AddWatcher(ulong afterRevision, Action<JobWatch> onRemoved)
    {
        var watch = new JobWatch(Key, afterRevision, w =>
        {
            RemoveWatcher(w);
            onRemoved(w);
        });
        lock (gate)
        {
            watchers.Add(watch);
            if (shutdown is { } end)
            {
                watch.End(end);
            }

            if (latest is { } snapshot)
            {
                // Served from a poll made before it came: the GET a polling client makes first is saved.
                watch.Offer(snapshot);
                context.Metrics.PollsSaved.Add(1);
            }

            if (state?.Failure is { } failure && (failure.EndsWatches || latest is null))
            {
                if (IsFresh(failure.At))
                {
                    watch.End(new WatchEnd(failure));
                }
                else
                {
                    pollRequested = true;
                }
            }

            SignalLocked();
        }

        return watch;
    }

    /// <summary>
    /// The group's state from a poll that started no earlier than now, or, when <paramref name="allowCached"/>,
    /// a snapshot that is still fresh or terminal. Concurrent callers share one poll (single flight).
    /// </summary>
    public async Task<GroupState> WaitFreshAsync(bool allowCached, CancellationToken cancellationToken)
    {
        await ready.Task.WaitAsync(cancellationToken);
        FreshWaiter waiter;
        lock (gate)
        {
            if (state is { } current && (latest?.IsTerminal == true || (allowCached && IsFreshLocked(current))))
            {
                context.Metrics.PollsSaved.Add(1);
                return current;
            }

            // Single flight: a unary read joins the poll in flight; a cancel needs one that starts after it.
            waiter = allowCached && inFlightStartedAt is { } inFlight
                ? new FreshWaiter(inFlight, JoinsInFlight: true)
                : new FreshWaiter(Now, JoinsInFlight: false);
            freshWaiters.Add(waiter);
            SignalLocked();
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (gate)
            {
                freshWaiters.Remove(waiter);
            }
        }
    }

    /// <summary>Ends every watch: the host is stopping. Clients reconnect with their last revision.</summary>
    public void Shutdown(WatchEnd end)
    {
        JobWatch[] current;
        lock (gate)
        {
            shutdown = end;
            current = [.. watchers];
        }

        foreach (var watch in current)
        {
            watch.End(end);
        }
    }

    public void OnState(GroupState newState) => Apply(newState);

    public void OnPollRequested(IReadOnlyList<string> requestIds)
    {
        lock (gate)
        {
            // Only the holder polls; a replica that merely watches ignores requests (its own included).
            if (holdsLease)
            {
                pendingRequests.UnionWith(requestIds);
                pollRequested = true;
                SignalLocked();
            }
        }
    }

    public void OnLeaseReleased()
    {
        lock (gate)
        {
            if (!holdsLease && interest > 0)
            {
                leaseReleased = true;
                SignalLocked();
            }
        }
    }

    private void RemoveWatcher(JobWatch watch)
    {
        lock (gate)
        {
            watchers.Remove(watch);
        }

        Leave();
    }

    private async Task RunAsync()
    {
        IAsyncDisposable? subscription = null;
        PollLease? lease = null;
        try
        {
            // Subscribe first, then read: a state written in between arrives on the channel (DESIGN 3.6).
            subscription = await context.Coordinator.SubscribeAsync(Key, this, stopping);
            Apply(await context.Coordinator.ReadStateAsync(Key, stopping));
            ready.TrySetResult();

            var nextLeaseTick = Now;
            long tick = 0, triedLeaseInTick = -1, askedHolderInTick = -1;
            while (!stopping.IsCancellationRequested)
            {
                var now = Now;
                if (now >= nextLeaseTick)
                {
                    lease = await LeaseTickAsync(lease);
                    tick++;
                    triedLeaseInTick = tick;
                    nextLeaseTick = Now + Options.LeaseRenewInterval;
                }

                bool takeOverNow;
                lock (gate)
                {
                    takeOverNow = leaseReleased && lease is null;
                    leaseReleased = false;
                }

                if (takeOverNow)
                {
                    lease = await TryAcquireAsync();
                }

                bool pollNow;
                DateTimeOffset? pollDue;
                Task woken;
                lock (gate)
                {
                    holdsLease = lease is not null;
                    if (ShouldCloseLocked(now))
                    {
                        closed = true;
                        break;
                    }

                    (pollNow, pollDue) = PlanLocked(now);
                    if (wake.Task.IsCompleted)
                    {
                        wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    woken = wake.Task;
                }

                if (pollNow && lease is not null)
                {
                    if (!await PollOnceAsync(lease))
                    {
                        Log.LeaseLost(context.Logger, Key.JobId, lease.Epoch);
                        lease = null;
                    }

                    continue;
                }

                if (pollNow)
                {
                    // Not the holder. Try once per lease tick to become it; otherwise ask the holder (once per
                    // tick) to poll now, and catch up on its write. Never spin on the store.
                    if (triedLeaseInTick != tick)
                    {
                        triedLeaseInTick = tick;
                        lease = await TryAcquireAsync();
                        if (lease is not null)
                        {
                            continue;
                        }
                    }

                    // Only unary callers ask: watchers get the holder's next write anyway, and an extra ask
                    // would cost the upstream an extra poll.
                    string[] waiting;
                    lock (gate)
                    {
                        waiting = [.. freshWaiters.Select(w => w.Id)];
                    }

                    if (askedHolderInTick != tick && waiting.Length > 0)
                    {
                        askedHolderInTick = tick;
                        await context.Coordinator.RequestPollAsync(Key, waiting, stopping);
                    }
                }

                var wakeAt = nextLeaseTick;
                if (pollDue is { } due && lease is not null && due < wakeAt)
                {
                    wakeAt = due;
                }

                await WaitUntilAsync(woken, wakeAt);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The loop must never die silently: fail what waits, so callers see an error instead of a hang.
            Log.LoopFailed(context.Logger, ex, Key.JobId);
            var failure = new PollFailure(StatusCode.Unavailable, $"The gateway's poller for job {Key.JobId} failed ({ex.GetType().Name}); retry the call.", Now);
            FailEverything(failure);
        }
        finally
        {
            lock (gate)
            {
                closed = true;
            }

            ready.TrySetResult();
            lock (gate)
            {
                holdsLease = false;
            }

            if (lease is not null && !context.AbandonLeases)
            {
                await ReleaseQuietlyAsync(lease);
            }

            if (subscription is not null)
            {
                await subscription.DisposeAsync();
            }

            context.OnClosed(this);
        }
    }

    private async Task<PollLease?> LeaseTickAsync(PollLease? lease)
    {
        if (lease is not null)
        {
            if (await context.Coordinator.RenewLeaseAsync(lease, stopping))
            {
                return lease;
            }

            Log.LeaseLost(context.Logger, Key.JobId, lease.Epoch);
        }

        bool wantsLease;
        lock (gate)
        {
            wantsLease = interest > 0 && latest?.IsTerminal != true;
        }

        if (wantsLease)
        {
            return await TryAcquireAsync();
        }

        // Not the holder and not wanting to be: still catch up from the store, since pub/sub is
        // at-most-once (DESIGN 3.4).
        Apply(await context.Coordinator.ReadStateAsync(Key, stopping));
        return null;
    }

    private async Task<PollLease?> TryAcquireAsync()
    {
        // One round trip: take the lease if free, and read the state either way. A new holder continues
        // the schedule and revision from the store; a replica that stays a watcher catches up.
        var attempt = await context.Coordinator.TryAcquireLeaseAsync(Key, owner, stopping);
        Apply(attempt.State);
        if (attempt.Lease is { } lease)
        {
            Log.LeaseAcquired(context.Logger, Key.JobId, lease.Epoch);
        }

        return attempt.Lease;
    }

    private async Task<bool> PollOnceAsync(PollLease lease)
    {
        GroupState? previous;
        CancellationTokenSource poll;
        DateTimeOffset startedAt;
        string[] answers;
        lock (gate)
        {
            previous = state;
            pollRequested = false;
            answers = [.. pendingRequests, .. freshWaiters.Select(w => w.Id)];
            pendingRequests.Clear();
            poll = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            inFlightPoll = poll;
            startedAt = Now;
            inFlightStartedAt = startedAt;
        }

        Job? job = null;
        PollFailure? failure = null;
        TimeSpan? retryAfter = null;
        try
        {
            job = await context.Upstream.GetJobAsync(Key.JobId, token, poll.Token);
        }
        catch (UpstreamException ex)
        {
            failure = new PollFailure(ex.Kind.ToStatusCode(), ex.Message, startedAt);
            retryAfter = ex.RetryAfter;
            Log.PollFailed(context.Logger, Key.JobId, ex.Kind, ex.Message);
        }
        catch (OperationCanceledException) when (poll.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // Nobody waits for this poll any more: no outcome, the schedule is unchanged.
            return true;
        }
        finally
        {
            lock (gate)
            {
                inFlightPoll = null;
                inFlightStartedAt = null;
            }

            poll.Dispose();
        }

        var next = PollSchedule.Next(previous, job, failure, retryAfter, startedAt, lease.Epoch, Options) with { Answered = answers };
        if (!await context.Coordinator.TryWriteStateAsync(lease, next, stopping))
        {
            return false;
        }

        context.OnPolled();
        Apply(next);
        return true;
    }

    /// <summary>Takes in a state from this replica's poll, the store or the channel, in any order, any number of times.</summary>
    private void Apply(GroupState? incoming)
    {
        if (incoming is null)
        {
            return;
        }

        // Serialize outside the lock: once per revision, however many streams.
        var candidate = incoming.Job is { } job && job.Revision > (Volatile.Read(ref latest)?.Revision ?? 0)
            ? new JobSnapshot(job, context.TimeProvider.GetTimestamp())
            : null;
        var served = -1;
        var saved = 0;
        JobWatch[] offerTo = [];
        JobWatch[] endFor = [];
        WatchEnd? end = null;
        List<FreshWaiter>? satisfied = null;
        lock (gate)
        {
            if (state is null || IsNewer(incoming, state))
            {
                state = incoming;
                served = incoming.Failure is null ? watchers.Count : -1;
            }

            if (candidate is not null && candidate.Revision > (latest?.Revision ?? 0))
            {
                latest = candidate;
                offerTo = [.. watchers];
            }

            if (incoming.Failure is { } failure && (failure.EndsWatches || latest is null) && ReferenceEquals(state, incoming))
            {
                end = new WatchEnd(failure);
                endFor = [.. watchers];
            }

            foreach (var waiter in freshWaiters)
            {
                if (incoming.Answered.Contains(waiter.Id) || (waiter.JoinsInFlight && waiter.NotBefore <= incoming.PolledAt) || latest?.IsTerminal == true)
                {
                    (satisfied ??= []).Add(waiter);
                }
            }

            if (satisfied is not null)
            {
                freshWaiters.RemoveAll(satisfied.Contains);
            }

            // One poll served every watcher and waiting unary call here; the holder made it for one of them.
            saved = served < 0 ? 0 : served + (satisfied?.Count ?? 0) - (holdsLease ? 1 : 0);
            SignalLocked();
        }

        if (saved > 0)
        {
            context.Metrics.PollsSaved.Add(saved);
        }

        FanOut.Deliver(offerTo, candidate, endFor, end);

        if (satisfied is not null)
        {
            foreach (var waiter in satisfied)
            {
                waiter.Completion.TrySetResult(incoming);
            }
        }
    }

    private void FailEverything(PollFailure failure)
    {
        JobWatch[] current;
        FreshWaiter[] waiting;
        lock (gate)
        {
            current = [.. watchers];
            waiting = [.. freshWaiters];
        }

        foreach (var watch in current)
        {
            watch.End(new WatchEnd(failure));
        }

        foreach (var waiter in waiting)
        {
            waiter.Completion.TrySetException(failure.ToRpcException());
        }
    }

    private (bool PollNow, DateTimeOffset? Due) PlanLocked(DateTimeOffset now)
    {
        if (latest?.IsTerminal == true || interest == 0)
        {
            return (false, null);
        }

        if (freshWaiters.Count > 0 || (pollRequested && holdsLease))
        {
            return (true, null);
        }

        // Scheduled polls serve watchers; unary callers ask for a poll explicitly.
        if (watchers.Count == 0)
        {
            return (false, null);
        }

        if (state is null)
        {
            return (true, null);
        }

        return (now >= state.NextPollAt, state.NextPollAt);
    }

    private bool ShouldCloseLocked(DateTimeOffset now)
    {
        if (interest > 0)
        {
            return false;
        }

        return latest?.IsTerminal == true || now - idleSince >= Options.Linger;
    }

    private bool IsFreshLocked(GroupState current)
    {
        var now = Now;
        if (IsFresh(current.PolledAt))
        {
            return true;
        }

        // While this replica's watchers keep the group on its schedule, the snapshot is as fresh as
        // the schedule makes it (one poll per job per interval).
        return watchers.Count > 0 && now < current.NextPollAt;
    }

    private bool IsFresh(DateTimeOffset polledAt) => Now - polledAt < Options.Interval;

    // A later poll is newer information whoever made it (this replica in degraded mode, a Redis holder,
    // a holder after Redis lost its data); ties go to the newer lease and write.
    private static bool IsNewer(GroupState candidate, GroupState current) =>
        candidate.PolledAt != current.PolledAt
            ? candidate.PolledAt > current.PolledAt
            : candidate.Epoch > current.Epoch || (candidate.Epoch == current.Epoch && candidate.Sequence > current.Sequence);

    private async Task WaitUntilAsync(Task woken, DateTimeOffset wakeAt)
    {
        var delay = wakeAt - Now;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var delayTask = Task.Delay(delay, context.TimeProvider, cancelDelay.Token);

        // The clock may have moved between reading it and arming the timer (a test's fake clock, or a
        // slow thread): then the timer would fire late, so look again now that it is armed.
        if (Now >= wakeAt)
        {
            await cancelDelay.CancelAsync();
            return;
        }

        await Task.WhenAny(woken, delayTask);
        await cancelDelay.CancelAsync();
        stopping.ThrowIfCancellationRequested();
    }

    private async Task ReleaseQuietlyAsync(PollLease lease)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), context.TimeProvider);
            await context.Coordinator.ReleaseLeaseAsync(lease, timeout.Token);
            Log.LeaseReleased(context.Logger, Key.JobId, lease.Epoch);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            // The lease expires by itself within its TTL.
            Log.LeaseReleaseFailed(context.Logger, Key.JobId, ex.Message);
        }
    }

    private void SignalLocked() => wake.TrySetResult();

    /// <param name="NotBefore">With <paramref name="JoinsInFlight"/>: the start of the poll in flight, which answers it.</param>
    /// <param name="JoinsInFlight">A unary read may take the poll in flight; a cancel needs one that starts after it.</param>
    private sealed record FreshWaiter(DateTimeOffset NotBefore, bool JoinsInFlight)
    {
        public string Id { get; } = Guid.NewGuid().ToString("N");

        public TaskCompletionSource<GroupState> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
