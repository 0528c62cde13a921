namespace JobGateway.Coordination.Redis;

/// <summary>Redis coordination of the replicas (configuration section <c>Redis</c>).</summary>
public sealed class RedisOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Redis";

    /// <summary>
    /// StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>. Empty means in-memory
    /// coordination: one replica, the same guarantees.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Namespace of every key and channel. Default <c>jobgw:</c>.</summary>
    public string KeyPrefix { get; set; } = "jobgw:";

    /// <summary>Use sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7+) for Redis Cluster. Default false.</summary>
    public bool ShardedPubSub { get; set; }
}
