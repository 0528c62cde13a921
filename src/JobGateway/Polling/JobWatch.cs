using JobGateway.Coordination;

namespace JobGateway.Polling;

/// <summary>
/// One WatchJob stream's mailbox: a single slot holding the newest undelivered revision (conflation).
/// Offering never blocks and never queues, so a reader that stalls holds one snapshot at most and
/// cannot delay anyone else; it still gets the newest state, and so the terminal one, when it reads.
/// </summary>
/// <remarks>
/// Two ways to read. <see cref="RunAsync"/> (the WatchJob handler) attaches a writer that the offering
/// thread calls itself while no write is running: a write to an HTTP/2 stream normally completes at once,
/// so a delivery costs no thread-pool hop, no task and no wake-up of the handler. A write that does not
/// complete at once (a client that stopped reading) is awaited off the offering thread, and what is offered
/// meanwhile waits in the slot. <see cref="NextAsync"/> reads one item at a time instead (tests).
/// </remarks>
internal sealed class JobWatch : IDisposable
{
    private readonly Lock gate = new();
    private readonly Action<JobWatch> onDispose;
    private ulong highestOffered;
    private JobSnapshot? pending;
    private WatchEnd? end;
    private TaskCompletionSource? waiter;
    private Func<JobSnapshot, ValueTask>? writer;
    private TaskCompletionSource<WatchEnd?>? finished;
    private CancellationToken cancellationToken;
    [ThreadStatic]
    private static List<TaskCompletionSource<WatchEnd?>>? deferredFinishes;
    private bool writing;
    private bool terminalWritten;
    private bool cancelled;
    private int disposed;

    public JobWatch(PollGroupKey key, ulong afterRevision, Action<JobWatch> onDispose)
    {
        Key = key;
        highestOffered = afterRevision;
        this.onDispose = onDispose;
    }

    public PollGroupKey Key { get; }

    /// <summary>The revision of the last snapshot <see cref="RunAsync"/> wrote; 0 before the first.</summary>
    public ulong LastWritten { get; private set; }

    /// <summary>Offers a snapshot; kept only when newer than everything offered before.</summary>
    public void Offer(JobSnapshot snapshot)
    {
        TaskCompletionSource? wake;
        JobSnapshot? write;
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

            (write, wake) = TakeReaderWorkLocked();
        }

        WriteFrom(write);
        wake?.TrySetResult();
    }

    /// <summary>Ends the watch after any pending snapshot has been read.</summary>
    public void End(WatchEnd reason)
    {
        TaskCompletionSource? wake;
        JobSnapshot? write;
        lock (gate)
        {
            end ??= reason;
            (write, wake) = TakeReaderWorkLocked();
        }

        WriteFrom(write);
        wake?.TrySetResult();
    }

    /// <summary>
    /// Writes every snapshot offered, newest first after a stall, with <paramref name="write"/>, one write at
    /// a time, until the terminal one is written (null), the watch ends (the reason) or
    /// <paramref name="cancellationToken"/> is cancelled. When the task completes no write is running and
    /// none will start, so the caller may complete the call.
    /// </summary>
    public async Task<WatchEnd?> RunAsync(Func<JobSnapshot, ValueTask> write, CancellationToken cancellationToken)
    {
        TaskCompletionSource<WatchEnd?> done;
        JobSnapshot? first;
        lock (gate)
        {
            if (writer is not null || waiter is not null)
            {
                throw new InvalidOperationException("A watch has one reader.");
            }

            writer = write;
            this.cancellationToken = cancellationToken;
            finished = done = new TaskCompletionSource<WatchEnd?>(TaskCreationOptions.RunContinuationsAsynchronously);
            first = TakeWriteLocked();
        }

        using var registration = cancellationToken.UnsafeRegister(static state => ((JobWatch)state!).Cancel(), this);
        WriteFrom(first);
        return await done.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// While <paramref name="finishes"/> is set, streams that this thread writes the terminal state to are
    /// not ended at once: their completions are added to the list, to be released with <see cref="ReleaseFinishes"/>.
    /// Ending a call costs more than the write itself (trailers, request teardown), and the work it queues
    /// would otherwise run before Kestrel sends the frames written to the streams still waiting.
    /// </summary>
    public static void DeferFinishes(List<TaskCompletionSource<WatchEnd?>>? finishes) => deferredFinishes = finishes;

    /// <summary>Ends the streams whose finishes <see cref="DeferFinishes"/> collected.</summary>
    public static void ReleaseFinishes(List<TaskCompletionSource<WatchEnd?>> finishes)
    {
        foreach (var finish in finishes)
        {
            finish.TrySetResult(null);
        }
    }

    /// <summary>The next snapshot to send, or why the stream ends. One reader at a time; not with <see cref="RunAsync"/>.</summary>
    public async ValueTask<WatchItem> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (writer is not null)
                {
                    throw new InvalidOperationException("A watch has one reader.");
                }

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

    // Writes on the calling thread for as long as writes complete at once and snapshots are pending.
    private void WriteFrom(JobSnapshot? snapshot)
    {
        while (snapshot is not null)
        {
            ValueTask write;
            try
            {
                write = writer!(snapshot);
                if (!write.IsCompleted)
                {
                    _ = CompleteWriteAsync(write, snapshot);
                    return;
                }

                write.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                OnWriteFailed(ex);
                return;
            }

            lock (gate)
            {
                snapshot = AfterWriteLocked(snapshot);
            }
        }
    }

    private async Task CompleteWriteAsync(ValueTask write, JobSnapshot snapshot)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnWriteFailed(ex);
            return;
        }

        JobSnapshot? next;
        lock (gate)
        {
            next = AfterWriteLocked(snapshot);
        }

        WriteFrom(next);
    }

    // After an offer or an end: in push mode the snapshot the caller is to write now, in pull mode the reader to wake.
    private (JobSnapshot? Write, TaskCompletionSource? Wake) TakeReaderWorkLocked()
    {
        if (writer is not null)
        {
            return (TakeWriteLocked(), null);
        }

        var wake = waiter;
        waiter = null;
        return (null, wake);
    }

    // The caller becomes the writer of the returned snapshot; null when a write is running (it takes the
    // pending snapshot next), nothing is pending, or the watch is over (then it finishes it).
    private JobSnapshot? TakeWriteLocked()
    {
        if (writing || terminalWritten || finished!.Task.IsCompleted)
        {
            return null;
        }

        if (cancelled)
        {
            finished.TrySetCanceled(cancellationToken);
            return null;
        }

        if (pending is { } next)
        {
            pending = null;
            writing = true;
            return next;
        }

        if (end is { } reason)
        {
            finished.TrySetResult(reason);
        }

        return null;
    }

    private JobSnapshot? AfterWriteLocked(JobSnapshot written)
    {
        writing = false;
        LastWritten = written.Revision;
        if (written.IsTerminal)
        {
            terminalWritten = true;
            if (deferredFinishes is { } deferred)
            {
                deferred.Add(finished!);
            }
            else
            {
                finished!.TrySetResult(null);
            }

            return null;
        }

        return TakeWriteLocked();
    }

    private void OnWriteFailed(Exception exception)
    {
        lock (gate)
        {
            writing = false;
            if (cancelled || cancellationToken.IsCancellationRequested)
            {
                finished!.TrySetCanceled(cancellationToken);
            }
            else
            {
                finished!.TrySetException(exception);
            }
        }
    }

    private void Cancel()
    {
        lock (gate)
        {
            cancelled = true;
            if (!writing)
            {
                finished!.TrySetCanceled(cancellationToken);
            }
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
