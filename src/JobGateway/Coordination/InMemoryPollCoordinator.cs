using System.Collections.Concurrent;
using JobGateway.Polling;
using Microsoft.Extensions.Options;

namespace JobGateway.Coordination;

/// <summary>
/// Coordination for a single replica (no <c>Redis:Configuration</c>): the same lease, fencing,
/// retention and fan-out semantics as Redis, held in this process.
/// </summary>
internal sealed class InMemoryPollCoordinator(TimeProvider timeProvider, IOptions<PollingOptions> options) : IPollCoordinator
{
    private readonly ConcurrentDictionary<PollGroupKey, Entry> entries = new();
    private long writesSinceSweep;

    public ValueTask<LeaseAttempt> TryAcquireLeaseAsync(PollGroupKey key, string owner, CancellationToken cancellationToken)
    {
        var entry = entries.GetOrAdd(key, static _ => new Entry());
        var now = timeProvider.GetUtcNow();
        lock (entry)
        {
            var state = entry.StateExpiresAt > now ? entry.State : null;
            if (entry.LeaseOwner is not null && entry.LeaseExpiresAt > now && entry.LeaseOwner != owner)
            {
                return ValueTask.FromResult(new LeaseAttempt(null, state));
            }

            entry.Epoch++;
            entry.LeaseOwner = owner;
            entry.LeaseExpiresAt = now + options.Value.LeaseTtl;
            return ValueTask.FromResult(new LeaseAttempt(new PollLease(key, owner, entry.Epoch), state));
        }
    }

    public ValueTask<bool> RenewLeaseAsync(PollLease lease, CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue(lease.Key, out var entry))
        {
            return ValueTask.FromResult(false);
        }

        var now = timeProvider.GetUtcNow();
        lock (entry)
        {
            if (!entry.Holds(lease, now))
            {
                return ValueTask.FromResult(false);
            }

            entry.LeaseExpiresAt = now + options.Value.LeaseTtl;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask ReleaseLeaseAsync(PollLease lease, CancellationToken cancellationToken)
    {
        IPollGroupListener[] listeners = [];
        if (entries.TryGetValue(lease.Key, out var entry))
        {
            lock (entry)
            {
                if (entry.LeaseOwner == lease.Owner && entry.Epoch == lease.Epoch)
                {
                    entry.LeaseOwner = null;
                    listeners = [.. entry.Listeners];
                }
            }
        }

        foreach (var listener in listeners)
        {
            listener.OnLeaseReleased();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<GroupState?> ReadStateAsync(PollGroupKey key, CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            return ValueTask.FromResult<GroupState?>(null);
        }

        lock (entry)
        {
            return ValueTask.FromResult(entry.StateExpiresAt > timeProvider.GetUtcNow() ? entry.State : null);
        }
    }

    public ValueTask<bool> TryWriteStateAsync(PollLease lease, GroupState state, CancellationToken cancellationToken)
    {
        var entry = entries.GetOrAdd(lease.Key, static _ => new Entry());
        IPollGroupListener[] listeners;
        var now = timeProvider.GetUtcNow();
        lock (entry)
        {
            // Fencing: only the current epoch may write, even after its lease expired, as long as
            // nobody took it since (the same rule as the Redis script).
            if (entry.Epoch != lease.Epoch || entry.LeaseOwner != lease.Owner)
            {
                return ValueTask.FromResult(false);
            }

            if (entry.State is { } current && current.Sequence >= state.Sequence)
            {
                return ValueTask.FromResult(false);
            }

            entry.State = state;
            entry.StateExpiresAt = now + options.Value.RetentionOf(state);
            listeners = [.. entry.Listeners];
        }

        foreach (var listener in listeners)
        {
            listener.OnState(state);
        }

        if (Interlocked.Increment(ref writesSinceSweep) % 1024 == 0)
        {
            Sweep(now);
        }

        return ValueTask.FromResult(true);
    }

    public ValueTask<IAsyncDisposable> SubscribeAsync(PollGroupKey key, IPollGroupListener listener, CancellationToken cancellationToken)
    {
        var entry = entries.GetOrAdd(key, static _ => new Entry());
        lock (entry)
        {
            entry.Listeners.Add(listener);
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Subscription(entry, listener));
    }

    public ValueTask RequestPollAsync(PollGroupKey key, IReadOnlyList<string> requestIds, CancellationToken cancellationToken)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            IPollGroupListener[] listeners;
            lock (entry)
            {
                listeners = [.. entry.Listeners];
            }

            foreach (var listener in listeners)
            {
                listener.OnPollRequested(requestIds);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Drops entries nobody listens to whose state has expired (for tests and the sweep).</summary>
    internal void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            lock (entry)
            {
                if (entry.Listeners.Count == 0 && entry.StateExpiresAt <= now && (entry.LeaseOwner is null || entry.LeaseExpiresAt <= now))
                {
                    entries.TryRemove(new KeyValuePair<PollGroupKey, Entry>(key, entry));
                }
            }
        }
    }

    private sealed class Entry
    {
        public List<IPollGroupListener> Listeners { get; } = [];

        public GroupState? State { get; set; }

        public DateTimeOffset StateExpiresAt { get; set; }

        public string? LeaseOwner { get; set; }

        public DateTimeOffset LeaseExpiresAt { get; set; }

        public long Epoch { get; set; }

        public bool Holds(PollLease lease, DateTimeOffset now) =>
            LeaseOwner == lease.Owner && Epoch == lease.Epoch && LeaseExpiresAt > now;
    }

    private sealed class Subscription(Entry entry, IPollGroupListener listener) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (entry)
            {
                entry.Listeners.Remove(listener);
            }

            return ValueTask.CompletedTask;
        }
    }
}
