using Testcontainers.Redis;

namespace JobGateway.Tests.Infrastructure;

/// <summary>
/// The Redis the Redis tests run against, found in this order: a server named by the environment variable
/// <c>JOBGW_TEST_REDIS</c> (a StackExchange.Redis configuration string), a <c>redis-server</c> on PATH started
/// on a free loopback port, a Testcontainers Redis when a Docker engine answers. With none, every test that
/// needs it fails with a message saying how to get one: they never skip silently.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "JOBGW_TEST_REDIS";

    private RedisServer? server;
    private RedisContainer? container;

    /// <summary>The StackExchange.Redis configuration string of the test Redis.</summary>
    public string Configuration { get; private set; } = string.Empty;

    /// <summary>Where it came from, for messages.</summary>
    public string Source { get; private set; } = string.Empty;

    /// <summary>Gateway settings that use this Redis under a key prefix of the test's own.</summary>
    public Dictionary<string, string?> Settings(string? prefix = null) => new()
    {
        ["Redis:Configuration"] = Configuration,
        ["Redis:KeyPrefix"] = prefix ?? $"t{Guid.NewGuid():N}:",
    };

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            Configuration = given;
            Source = $"{EnvironmentVariable}={given}";
            return;
        }

        if (RedisServer.FindExecutable() is { } executable)
        {
            server = await RedisServer.StartAsync(executable);
            Configuration = server.Configuration;
            Source = $"{executable} on port {server.Port}";
            return;
        }

        try
        {
            container = new RedisBuilder("redis:7.0").Build();
            await container.StartAsync();
            Configuration = container.GetConnectionString();
            Source = "Testcontainers";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"No Redis for the Redis tests: set {EnvironmentVariable} to a Redis (e.g. 127.0.0.1:6379), " +
                "install redis-server (apt-get install -y redis-server) so the tests can start one, or run a Docker engine. " +
                $"Testcontainers said: {ex.GetType().Name}: {ex.Message}",
                ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }

    /// <summary>A redis-server of the test's own, which it may stop and restart (needs redis-server on PATH).</summary>
    internal static async Task<RedisServer> StartDedicatedAsync()
    {
        var executable = RedisServer.FindExecutable()
            ?? throw new InvalidOperationException("This test restarts Redis and needs redis-server on PATH (apt-get install -y redis-server).");
        return await RedisServer.StartAsync(executable);
    }
}
