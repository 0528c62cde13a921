using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobGateway.Coordination.Redis;

/// <summary>Degraded while Redis is unreachable: the replica serves its watchers alone, polling once per job itself.</summary>
internal sealed class RedisHealthCheck(RedisPollCoordinator coordinator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(coordinator.IsDegraded
            ? HealthCheckResult.Degraded("Redis is unreachable: this replica coordinates alone until it answers (polls are de-duplicated per replica, not across replicas).")
            : HealthCheckResult.Healthy("Redis reachable."));
}
