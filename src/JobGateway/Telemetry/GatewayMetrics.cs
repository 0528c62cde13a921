using System.Diagnostics.Metrics;

namespace JobGateway.Telemetry;

/// <summary>
/// The gateway's instruments (meter <c>JobGateway</c>). Gauges of live state (streams, groups, leases)
/// are observed from the registry; everything else is counted where it happens.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "JobGateway";

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        UpstreamRequests = Meter.CreateCounter<long>("jobgateway.upstream.requests", "{request}",
            "Upstream HTTP requests (every attempt, retries included), by route and status code.");
        PollsSaved = Meter.CreateCounter<long>("jobgateway.upstream.polls_saved", "{request}",
            "Upstream polls that de-duplication saved: watch streams and unary calls served by a poll they did not make themselves.");
        FanoutDuration = Meter.CreateHistogram<double>("jobgateway.fanout.duration", "ms",
            "From a job change reaching this replica (poll response or channel message) to its write to one watch stream.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000] });
        RedisErrors = Meter.CreateCounter<long>("jobgateway.redis.errors", "{error}",
            "Redis operations that failed and fell back to local coordination, by operation.");
        RedisReconnects = Meter.CreateCounter<long>("jobgateway.redis.reconnects", "{reconnect}",
            "Redis connections restored after a failure.");
        WebhookHints = Meter.CreateCounter<long>("jobgateway.webhook.hints", "{hint}",
            "Terminal-state webhooks received, by outcome (accepted, duplicate, invalid, rate_limited).");
    }

    public Meter Meter { get; }

    public Counter<long> UpstreamRequests { get; }

    public Counter<long> PollsSaved { get; }

    public Histogram<double> FanoutDuration { get; }

    public Counter<long> RedisErrors { get; }

    public Counter<long> RedisReconnects { get; }

    public Counter<long> WebhookHints { get; }
}
