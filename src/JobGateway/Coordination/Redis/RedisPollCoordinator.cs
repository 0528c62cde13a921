using System.Collections.Concurrent;
using System.Globalization;
using Google.Protobuf;
using JobGateway.Coordination.Redis.Records;
using JobGateway.Polling;
using JobGateway.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobGateway.Coordination.Redis;

/// <summary>
/// DESIGN section 3 on Redis: fenced leases, state and schedule in one key per group, fan-out on one
/// channel per group, catch-up on reconnect. While Redis is unreachable every operation falls back to
/// this replica's own in-memory coordination (degraded mode: still one poll per job per replica), and
/// leases move back to Redis by themselves once it answers again.
/// </summary>
internal sealed partial class RedisPollCoordinator : IPollCoordinator, IDisposable
{
    private static readonly TimeSpan EpochRetention = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<PollGroupKey, GroupChannel> channels = new();
    private readonly IConnectionMultiplexer redis;
    private readonly InMemoryPollCoordinator local;
    private readonly RedisKeys keys;
    private readonly TimeProvider timeProvider;
    private readonly PollingOptions polling;
    private readonly ILogger logger;
    private readonly GatewayMetrics metrics;

    public RedisPollCoordinator(
        IConnectionMultiplexer redis,
        IOptions<RedisOptions> redisOptions,
        IOptions<PollingOptions> pollingOptions,
        TimeProvider timeProvider,
        GatewayMetrics metrics,
        ILogger<RedisPollCoordinator> logger)
    {
        this.redis = redis;
        this.metrics = metrics;
        this.timeProvider = timeProvider;
        this.logger = logger;
        polling = pollingOptions.Value;
        keys = new RedisKeys(redisOptions.Value.KeyPrefix, redisOptions.Value.ShardedPubSub);
        local = new InMemoryPollCoordinator(timeProvider, pollingOptions);
        redis.ConnectionRestored += OnConnectionRestored;
        redis.ConnectionFailed += OnConnectionFailed;
    }

    /// <summary>True while Redis is unreachable and this replica coordinates alone.</summary>
    public bool IsDegraded => !redis.IsConnected;

    private IDatabase Database => redis.GetDatabase();

    private long NowMs => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    public async ValueTask<LeaseAttempt> TryAcquireLeaseAsync(PollGroupKey key, string owner, CancellationToken cancellationToken)
    {
        try
        {
            var result = (RedisResult[]?)await Database.ScriptEvaluateAsync(
                AcquireScript,
                [keys.Lease(key), keys.Epoch(key), keys.State(key)],
                [owner, Ms(polling.LeaseTtl), NowMs, Ms(EpochRetention)]);
            var epoch = (long)result![0];
            var state = GroupStateCodec.Decode((byte[]?)result[1]);
            return new LeaseAttempt(epoch == 0 ? null : new PollLease(key, owner, epoch), state);
        }
        catch (RedisException ex)
        {
            OnFailure("acquire", ex);
            var attempt = await local.TryAcquireLeaseAsync(key, owner, cancellationToken);
            return attempt with { Lease = attempt.Lease is null ? null : attempt.Lease with { IsLocal = true } };
        }
    }

    public async ValueTask<bool> RenewLeaseAsync(PollLease lease, CancellationToken cancellationToken)
    {
        if (lease.IsLocal)
        {
            // Redis is back: give the local lease up so the group takes a cluster-wide one, and the
            // replicas de-duplicate their polls again.
            return !redis.IsConnected && await local.RenewLeaseAsync(lease, cancellationToken);
        }

        try
        {
            var renewed = await Database.ScriptEvaluateAsync(
                RenewScript,
                [keys.Lease(lease.Key), keys.Epoch(lease.Key)],
                [LeaseValue(lease), Ms(polling.LeaseTtl), NowMs, Ms(EpochRetention)]);
            return (long)renewed == 1;
        }
        catch (RedisException ex)
        {
            OnFailure("renew", ex);
            return false;
        }
    }

    public async ValueTask ReleaseLeaseAsync(PollLease lease, CancellationToken cancellationToken)
    {
        if (lease.IsLocal)
        {
            await local.ReleaseLeaseAsync(lease, cancellationToken);
            return;
        }

        try
        {
            await Database.ScriptEvaluateAsync(
                ReleaseScript,
                [keys.Lease(lease.Key)],
                [LeaseValue(lease), keys.ChannelName(lease.Key), new GroupEvent { LeaseReleased = true }.ToByteArray(), keys.PublishCommand]);
        }
        catch (RedisException ex)
        {
            OnFailure("release", ex);
        }
    }

    public async ValueTask<GroupState?> ReadStateAsync(PollGroupKey key, CancellationToken cancellationToken)
    {
        try
        {
            return GroupStateCodec.Decode(await Database.StringGetAsync(keys.State(key)));
        }
        catch (RedisException ex)
        {
            OnFailure("read", ex);
            return await local.ReadStateAsync(key, cancellationToken);
        }
    }

    public async ValueTask<bool> TryWriteStateAsync(PollLease lease, GroupState state, CancellationToken cancellationToken)
    {
        if (lease.IsLocal)
        {
            return await local.TryWriteStateAsync(lease, state, cancellationToken);
        }

        var record = GroupStateCodec.ToRecord(state);
        try
        {
            var written = await Database.ScriptEvaluateAsync(
                WriteScript,
                [keys.Epoch(lease.Key), keys.State(lease.Key)],
                [
                    lease.Epoch.ToString(CultureInfo.InvariantCulture),
                    record.ToByteArray(),
                    Ms(polling.RetentionOf(state)),
                    keys.ChannelName(lease.Key),
                    new GroupEvent { State = record }.ToByteArray(),
                    keys.PublishCommand,
                ]);
            if ((long)written == 1)
            {
                return true;
            }

            Log.StaleWriteRefused(logger, lease.Key.JobId, lease.Epoch);
            return false;
        }
        catch (RedisException ex)
        {
            OnFailure("write", ex);
            return false;
        }
    }

    public async ValueTask<IAsyncDisposable> SubscribeAsync(PollGroupKey key, IPollGroupListener listener, CancellationToken cancellationToken)
    {
        var localSubscription = await local.SubscribeAsync(key, listener, cancellationToken);
        var channel = channels.GetOrAdd(key, k => new GroupChannel(k));
        bool subscribeNow;
        lock (channel)
        {
            channel.Listeners.Add(listener);
            subscribeNow = !channel.Subscribed;
            channel.Subscribed = true;
        }

        if (subscribeNow)
        {
            await SubscribeToRedisAsync(channel);
        }

        return new Subscription(this, channel, listener, localSubscription);
    }

    public async ValueTask RequestPollAsync(PollGroupKey key, IReadOnlyList<string> requestIds, CancellationToken cancellationToken)
    {
        try
        {
            var request = new PollRequest();
            request.RequestIds.AddRange(requestIds);
            var message = new GroupEvent { PollRequested = request }.ToByteArray();
            await redis.GetSubscriber().PublishAsync(keys.Channel(key), message);
        }
        catch (RedisException ex)
        {
            OnFailure("publish", ex);
            await local.RequestPollAsync(key, requestIds, cancellationToken);
        }
    }

    public void Dispose()
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        redis.ConnectionFailed -= OnConnectionFailed;
    }

    private async Task SubscribeToRedisAsync(GroupChannel channel)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(keys.Channel(channel.Key), channel.Handler ??= (_, message) => OnMessage(channel, message));
            lock (channel)
            {
                channel.RedisSubscribed = true;
            }
        }
        catch (RedisException ex)
        {
            // Subscribed again on reconnect; meanwhile the lease tick reads the state.
            OnFailure("subscribe", ex);
        }
    }

    private async Task UnsubscribeAsync(GroupChannel channel, IPollGroupListener listener)
    {
        bool last;
        lock (channel)
        {
            channel.Listeners.Remove(listener);
            last = channel.Listeners.Count == 0;
            if (last)
            {
                channel.Subscribed = false;
                channel.RedisSubscribed = false;
                channels.TryRemove(new KeyValuePair<PollGroupKey, GroupChannel>(channel.Key, channel));
            }
        }

        if (last && channel.Handler is { } handler)
        {
            try
            {
                await redis.GetSubscriber().UnsubscribeAsync(keys.Channel(channel.Key), handler);
            }
            catch (RedisException ex)
            {
                OnFailure("unsubscribe", ex);
            }
        }
    }

    private void OnMessage(GroupChannel channel, RedisValue message)
    {
        GroupEvent groupEvent;
        try
        {
            groupEvent = GroupEvent.Parser.ParseFrom((byte[])message!);
        }
        catch (InvalidProtocolBufferException ex)
        {
            Log.BadMessage(logger, channel.Key.JobId, ex.Message);
            return;
        }

        foreach (var listener in channel.Snapshot())
        {
            if (groupEvent.EventCase == GroupEvent.EventOneofCase.State)
            {
                listener.OnState(GroupStateCodec.FromRecord(groupEvent.State));
            }
            else if (groupEvent.EventCase == GroupEvent.EventOneofCase.PollRequested)
            {
                listener.OnPollRequested(groupEvent.PollRequested.RequestIds);
            }
            else if (groupEvent.EventCase == GroupEvent.EventOneofCase.LeaseReleased)
            {
                listener.OnLeaseReleased();
            }
        }
    }

    // Pub/sub is at-most-once: after a reconnect, re-subscribe where needed and re-read every group's
    // state, so a state published while this replica was away is still delivered (DESIGN 3.4).
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        Log.Reconnected(logger, e.ConnectionType);
        metrics.RedisReconnects.Add(1);
        _ = Task.Run(async () =>
        {
            foreach (var channel in channels.Values)
            {
                bool resubscribe;
                lock (channel)
                {
                    resubscribe = channel.Subscribed && !channel.RedisSubscribed;
                }

                if (resubscribe)
                {
                    await SubscribeToRedisAsync(channel);
                }

                var state = await ReadStateAsync(channel.Key, CancellationToken.None);
                if (state is not null)
                {
                    foreach (var listener in channel.Snapshot())
                    {
                        listener.OnState(state);
                    }
                }
            }
        });
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        Log.ConnectionLost(logger, e.ConnectionType, e.FailureType);

    private void OnFailure(string operation, RedisException ex)
    {
        metrics.RedisErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));
        Log.OperationFailed(logger, operation, ex.GetType().Name, ex.Message);
    }

    private static string LeaseValue(PollLease lease) => $"{lease.Owner}|{lease.Epoch.ToString(CultureInfo.InvariantCulture)}";

    private static long Ms(TimeSpan value) => Math.Max(1, (long)value.TotalMilliseconds);

    private sealed class GroupChannel(PollGroupKey key)
    {
        public PollGroupKey Key { get; } = key;

        public List<IPollGroupListener> Listeners { get; } = [];

        public bool Subscribed { get; set; }

        public bool RedisSubscribed { get; set; }

        public Action<RedisChannel, RedisValue>? Handler { get; set; }

        public IPollGroupListener[] Snapshot()
        {
            lock (this)
            {
                return [.. Listeners];
            }
        }
    }

    private sealed class Subscription(RedisPollCoordinator owner, GroupChannel channel, IPollGroupListener listener, IAsyncDisposable localSubscription) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await localSubscription.DisposeAsync();
            await owner.UnsubscribeAsync(channel, listener);
        }
    }
}
