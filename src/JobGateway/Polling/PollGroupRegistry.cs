using System.Collections.Concurrent;
using Grpc.Core;
using JobGateway.Coordination;
using JobGateway.Telemetry;
using JobGateway.Upstream;
using Microsoft.Extensions.Options;

namespace JobGateway.Polling;

/// <summary>
/// The poll groups of this process, one per (credential scope, job), created on first interest and
/// freed after the last; the watch limits; and the host's shutdown of every open watch.
/// </summary>
internal sealed partial class PollGroupRegistry : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<PollGroupKey, PollGroup> groups = new();
    private readonly ConcurrentDictionary<string, int> watchesPerScope = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private readonly PollGroupContext context;
    private readonly IHostApplicationLifetime lifetime;
    private readonly string replicaId = Guid.NewGuid().ToString("N")[..12];
    private CancellationTokenRegistration stoppingRegistration;
    private long groupSequence;
    private int totalWatches;
    private volatile bool shuttingDown;

    public PollGroupRegistry(
        IPollCoordinator coordinator,
        IUpstreamJobClient upstream,
        IOptions<PollingOptions> options,
        TimeProvider timeProvider,
        IHostApplicationLifetime lifetime,
        GatewayMetrics metrics,
        ILogger<PollGroupRegistry> logger)
    {
        this.lifetime = lifetime;
        context = new PollGroupContext(coordinator, upstream, options.Value, timeProvider, logger, metrics, OnGroupClosed);
        metrics.Meter.CreateObservableGauge("jobgateway.watch.streams", () => WatchCount, "{stream}", "Open WatchJob streams on this replica.");
        metrics.Meter.CreateObservableGauge("jobgateway.poll.groups", () => GroupCount, "{group}", "Poll groups (credential scope, job) alive on this replica.");
        metrics.Meter.CreateObservableGauge("jobgateway.leases.held", () => LeaseCount, "{lease}", "Poll leases this replica holds, i.e. jobs it polls for the cluster.");
    }

    public PollGroupContext Context => context;

    public int GroupCount => groups.Count;

    public int WatchCount => Volatile.Read(ref totalWatches);

    /// <summary>Poll leases this replica holds (metrics, tests).</summary>
    public int LeaseCount => groups.Values.Count(g => g.HoldsLease);

    /// <summary>
    /// Simulates a crash for tests: every poll loop stops at once without releasing its lease, as if the
    /// process had died; the other replicas must take over when the leases expire.
    /// </summary>
    internal async Task CrashAsync()
    {
        context.AbandonLeases = true;
        await stopping.CancelAsync();
        await Task.WhenAll(groups.Values.Select(g => g.Completion));
    }

    /// <summary>Takes interest in a group for a unary call; dispose the result to leave.</summary>
    public GroupInterest Enter(PollGroupKey key, CallerToken token)
    {
        while (true)
        {
            var group = groups.GetOrAdd(key, k => new PollGroup(k, token, $"{replicaId}:{Interlocked.Increment(ref groupSequence)}", context, stopping.Token));
            if (group.TryEnter())
            {
                return new GroupInterest(group);
            }

            // It is closing: replace it.
            groups.TryRemove(new KeyValuePair<PollGroupKey, PollGroup>(key, group));
        }
    }

    /// <summary>A hint (webhook) that a job changed: every group of that job here polls now if it holds the lease.</summary>
    public void Hint(string jobId)
    {
        foreach (var group in groups.Values)
        {
            if (group.Key.JobId == jobId)
            {
                group.OnPollRequested([]);
            }
        }
    }

    /// <summary>Opens a watch; RESOURCE_EXHAUSTED past the limits, UNAVAILABLE while shutting down.</summary>
    public JobWatch Watch(PollGroupKey key, CallerToken token, ulong afterRevision)
    {
        if (shuttingDown)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The gateway is shutting down; connect to another replica or retry shortly."));
        }

        ReserveWatch(key.Scope);
        try
        {
            var interest = Enter(key, token);
            return interest.Group.AddWatcher(afterRevision, _ => ReleaseWatch(key.Scope));
        }
        catch
        {
            ReleaseWatch(key.Scope);
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        stoppingRegistration = lifetime.ApplicationStopping.Register(EndAllWatches);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        EndAllWatches();
        await stopping.CancelAsync();
        var loops = groups.Values.Select(g => g.Completion).ToArray();
        try
        {
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Log.StopTimedOut(context.Logger, loops.Count(l => !l.IsCompleted));
        }
    }

    public void Dispose()
    {
        stoppingRegistration.Dispose();
        stopping.Dispose();
    }

    private void EndAllWatches()
    {
        if (shuttingDown)
        {
            return;
        }

        shuttingDown = true;
        var end = new WatchEnd(new PollFailure(StatusCode.Unavailable, "The gateway is shutting down.", context.TimeProvider.GetUtcNow()), ShuttingDown: true);
        foreach (var group in groups.Values)
        {
            group.Shutdown(end);
        }

        Log.WatchesEnded(context.Logger, WatchCount);
    }

    private void ReserveWatch(string scope)
    {
        var options = context.Options;
        var perScope = watchesPerScope.AddOrUpdate(scope, 1, static (_, n) => n + 1);
        var total = Interlocked.Increment(ref totalWatches);
        if (perScope > options.MaxWatchesPerCaller)
        {
            ReleaseWatch(scope);
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"This caller already holds {options.MaxWatchesPerCaller} concurrent watches on this gateway replica (Polling:MaxWatchesPerCaller). Close some streams or retry later."));
        }

        if (total > options.MaxWatches)
        {
            ReleaseWatch(scope);
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"This gateway replica holds its maximum of {options.MaxWatches} concurrent watches (Polling:MaxWatches). Retry later or on another replica."));
        }
    }

    private void ReleaseWatch(string scope)
    {
        Interlocked.Decrement(ref totalWatches);
        var left = watchesPerScope.AddOrUpdate(scope, 0, static (_, n) => n - 1);
        if (left <= 0)
        {
            watchesPerScope.TryRemove(new KeyValuePair<string, int>(scope, 0));
        }
    }

    private void OnGroupClosed(PollGroup group) =>
        groups.TryRemove(new KeyValuePair<PollGroupKey, PollGroup>(group.Key, group));

    private static partial class Log
    {
        [LoggerMessage(EventId = 210, EventName = "WatchesEndedForShutdown", Level = LogLevel.Information, Message = "Ending {Count} open watches: the host is stopping")]
        public static partial void WatchesEnded(ILogger logger, int count);

        [LoggerMessage(EventId = 211, EventName = "StopTimedOut", Level = LogLevel.Warning, Message = "{Count} poll loops did not stop in time")]
        public static partial void StopTimedOut(ILogger logger, int count);
    }
}

/// <summary>Interest in a poll group held by a unary call.</summary>
internal readonly struct GroupInterest(PollGroup group) : IDisposable
{
    public PollGroup Group { get; } = group;

    public void Dispose() => Group.Leave();
}
