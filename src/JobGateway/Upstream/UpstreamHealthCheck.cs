using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobGateway.Upstream;

/// <summary>
/// Ready only while the upstream answers HTTP at all (any status: a 401 or 404 still proves it is up).
/// The answer is kept for a few seconds so probes do not turn into upstream load.
/// </summary>
internal sealed class UpstreamHealthCheck(IHttpClientFactory httpClientFactory, IUpstreamEndpoint endpoint, TimeProvider timeProvider) : IHealthCheck
{
    public const string ClientName = "upstream-probe";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private (DateTimeOffset At, HealthCheckResult Result)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (last is { } cached && now - cached.At < CacheFor)
        {
            return cached.Result;
        }

        HealthCheckResult result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var request = new HttpRequestMessage(HttpMethod.Head, endpoint.BaseAddress);
            using var response = await httpClientFactory.CreateClient(ClientName).SendAsync(request, timeout.Token);
            result = (int)response.StatusCode >= 500
                ? HealthCheckResult.Unhealthy($"The upstream at {endpoint.BaseAddress} answers {(int)response.StatusCode}.")
                : HealthCheckResult.Healthy($"The upstream at {endpoint.BaseAddress} answers.");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            result = HealthCheckResult.Unhealthy($"The upstream at {endpoint.BaseAddress} does not answer ({ex.GetType().Name}).");
        }

        last = (now, result);
        return result;
    }
}
