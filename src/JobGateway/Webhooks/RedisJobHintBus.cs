using JobGateway.Coordination.Redis;
using JobGateway.Polling;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobGateway.Webhooks;

/// <summary>
/// Several replicas: hints go out on one channel every replica listens to; the one holding the job's
/// lease polls. A webhook carries no token, so the hint names only the job id, and it can change
/// nothing but the time of one poll.
/// </summary>
internal sealed class RedisJobHintBus(IConnectionMultiplexer redis, IOptions<RedisOptions> options, PollGroupRegistry registry)
    : IJobHintBus, IHostedService
{
    private readonly RedisChannel channel = RedisChannel.Literal($"{options.Value.KeyPrefix}hints");

    public async ValueTask PublishAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, jobId);
        }
        catch (RedisException)
        {
            // Redis is down: at least the groups here hear it.
            registry.Hint(jobId);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => registry.Hint(message.ToString()));
        }
        catch (RedisException)
        {
            // StackExchange.Redis subscribes again when the connection comes back.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(channel);
}
