namespace JobGateway.Bench.Upstream;

internal sealed record LifecycleStep(string Status, double Seconds);
