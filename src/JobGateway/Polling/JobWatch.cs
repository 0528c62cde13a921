using JobGateway.Coordination;

namespace JobGateway.Polling;

/// <summary>
/// One WatchJob stream's mailbox: a single slot holding the newest undelivered revision (conflation).
/// Offering never blocks and never queues, so a reader that stalls holds one snapshot at most and
/// cannot delay anyone else; it still gets the newest state, and so the terminal one, when it reads.
/// </summary>
internal sealed class JobWatch : IDisposable
{
    private readonly Lock gate = new();
    private readonly Action<JobWatch> onDispose;
    private ulong highestOffered;
    private JobSnapshot? pending;
    private WatchEnd? end;
    private TaskCompletionSource? waiter;
    private int disposed;

    public JobWatch(PollGroupKey key, ulong afterRevision, Action<JobWatch> onDispose)
    {
        Key = key;
        highestOffered = afterRevision;
        this.onDispose = onDispose;
    }

    public PollGroupKey Key { get; }

    /// <summary>Offers a snapshot; kept only when newer than everything offered before.</summary>
    public void Offer(JobSnapshot snapshot)
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            if (snapshot.Revision <= highestOffered)
            {
                // Already covered (a duplicate, or the client's after_revision): a terminal job that the
                // client already has ends the stream.
                if (snapshot.IsTerminal && pending is null)
                {
                    end ??= WatchEnd.Completed;
                }
                else
                {
                    return;
                }
            }
            else
            {
                highestOffered = snapshot.Revision;
                pending = snapshot;
            }

            wake = waiter;
            waiter = null;
        }

        wake?.TrySetResult();
    }

    /// <summary>Ends the watch after any pending snapshot has been read.</summary>
    public void End(WatchEnd reason)
    {
        TaskCompletionSource? wake;
        lock (gate)
        {
            end ??= reason;
            wake = waiter;
            waiter = null;
        }

        wake?.TrySetResult();
    }

    /// <summary>The next snapshot to send, or why the stream ends. One reader at a time.</summary>
    public async ValueTask<WatchItem> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (pending is { } snapshot)
                {
                    pending = null;
                    return new WatchItem(snapshot, null);
                }

                if (end is { } reason)
                {
                    return new WatchItem(null, reason);
                }

                waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = waiter.Task;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Whether a snapshot waits to be read (for tests and metrics).</summary>
    public bool HasPending
    {
        get
        {
            lock (gate)
            {
                return pending is not null;
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            onDispose(this);
        }
    }
}

/// <summary>What a watch stream does next: send <see cref="Snapshot"/>, or end for <see cref="End"/>.</summary>
internal readonly record struct WatchItem(JobSnapshot? Snapshot, WatchEnd? End);

/// <summary>Why a watch ends without a terminal snapshot to send.</summary>
/// <param name="Failure">The failure to report; null for <see cref="Completed"/>.</param>
/// <param name="ShuttingDown">The gateway is stopping: the client should reconnect with its last revision.</param>
internal sealed record WatchEnd(PollFailure? Failure, bool ShuttingDown = false)
{
    /// <summary>The client already holds the terminal revision: end with OK.</summary>
    public static WatchEnd Completed { get; } = new((PollFailure?)null);
}
