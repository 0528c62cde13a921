namespace JobGateway.Bench.Reporting.Results;

internal sealed record WatchRunSettings(
    int Replicas,
    bool Redis,
    int Jobs,
    int WatchersPerJob,
    int Streams,
    int Changes,
    double IntervalMs,
    double HoldSeconds,
    int ServerStreamsPerConnection,
    int ClientStreamsPerConnection,
    int ClientConnections,
    bool Baseline,
    bool WarmUp,
    int WarmUpLifecycles,
    IReadOnlyList<string> GatewayArgs,
    IReadOnlyDictionary<string, string> GatewayEnvironment);
