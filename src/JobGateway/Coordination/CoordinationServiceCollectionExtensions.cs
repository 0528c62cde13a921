using JobGateway.Coordination.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobGateway.Coordination;

internal static class CoordinationServiceCollectionExtensions
{
    /// <summary>Redis coordination when <c>Redis:Configuration</c> is set, else in-memory (one replica).</summary>
    public static IServiceCollection AddCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>());
        var health = services.AddHealthChecks();
        if (string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.Configuration)}"]))
        {
            services.TryAddSingleton<IPollCoordinator, InMemoryPollCoordinator>();
            return services;
        }

        services.TryAddSingleton<IConnectionMultiplexer>(sp => ConnectRedis(sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.TryAddSingleton<RedisPollCoordinator>();
        services.TryAddSingleton<IPollCoordinator>(sp => sp.GetRequiredService<RedisPollCoordinator>());
        health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }

    private static ConnectionMultiplexer ConnectRedis(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);

        // Start and keep running while Redis is down (degraded mode), and fail fast instead of queueing
        // commands: the poll groups fall back to local coordination at once.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 2000);
        configuration.ClientName ??= $"jobgw-{Environment.MachineName}";
        return ConnectionMultiplexer.Connect(configuration);
    }
}
