using JobGateway.Coordination;
using JobGateway.Telemetry;
using JobGateway.Upstream;

namespace JobGateway.Polling;

/// <summary>What every poll group of this process shares.</summary>
internal sealed class PollGroupContext(
    IPollCoordinator coordinator,
    IUpstreamJobClient upstream,
    PollingOptions options,
    TimeProvider timeProvider,
    ILogger logger,
    GatewayMetrics metrics,
    Action<PollGroup> onClosed)
{
    public GatewayMetrics Metrics { get; } = metrics;

    public IPollCoordinator Coordinator { get; } = coordinator;

    public IUpstreamJobClient Upstream { get; } = upstream;

    public PollingOptions Options { get; } = options;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILogger Logger { get; } = logger;

    /// <summary>Upstream polls made by this process (tests, metrics).</summary>
    public long PollCount => Interlocked.Read(ref pollCount);

    private long pollCount;

    /// <summary>Set only by tests that simulate a crash: loops stop without releasing their leases.</summary>
    public bool AbandonLeases { get; set; }

    public void OnClosed(PollGroup group) => onClosed(group);

    public void OnPolled() => Interlocked.Increment(ref pollCount);
}
