using StackExchange.Redis;

namespace JobGateway.Coordination.Redis;

/// <summary>
/// Every key and channel the gateway uses. All of a group's keys share one hash tag, so they live in
/// one slot under Redis Cluster and one script can touch them all. Keys carry the credential scope
/// (a fingerprint), never a token.
/// </summary>
internal sealed class RedisKeys(string prefix, bool sharded)
{
    public RedisKey Lease(PollGroupKey key) => $"{prefix}{Tag(key)}:lease";

    public RedisKey Epoch(PollGroupKey key) => $"{prefix}{Tag(key)}:epoch";

    public RedisKey State(PollGroupKey key) => $"{prefix}{Tag(key)}:state";

    public string ChannelName(PollGroupKey key) => $"{prefix}{Tag(key)}:events";

    public RedisChannel Channel(PollGroupKey key) =>
        sharded ? RedisChannel.Sharded(ChannelName(key)) : RedisChannel.Literal(ChannelName(key));

    /// <summary>The command that publishes to <see cref="Channel"/> from a script.</summary>
    public string PublishCommand => sharded ? "SPUBLISH" : "PUBLISH";

    private static string Tag(PollGroupKey key) => $"{{{key.Scope}:{key.JobId}}}";
}
