namespace JobGateway.Bench.Upstream;

/// <summary>One entry of the simulator's <c>GET /_control/jobs/{id}/timeline</c> (the simulator's clock).</summary>
internal sealed record TimelineEntry(string Status, DateTime SetAt, DateTime? FirstServedAt, DateTime? LastServedAt, long Served);
