namespace JobGateway.Bench.Reporting.Results;

/// <summary>
/// One gateway replica's streams and resources (from /proc/&lt;pid&gt;). Memory per stream is the RSS
/// growth from one stream per job (<see cref="RssBaseKiB"/>) to all streams held (<see cref="RssHoldKiB"/>),
/// divided by the streams added. CPU is in cores: 1.0 is one core busy all the time.
/// </summary>
internal sealed record ReplicaResult(
    int Index,
    int Streams,
    double? LeasesHeld,
    long RssIdleKiB,
    long RssBaseKiB,
    long RssHoldKiB,
    long RssPeakKiB,
    double KiBPerStream,
    double CpuCoresConnect,
    double CpuCoresHold,
    double CpuCoresLifecycle,
    int Threads);
