namespace JobGateway.Simulator.Json;

/// <summary>One entry of <c>GET /_control/jobs/{id}/timeline</c>; instants are the simulator's clock, in UTC.</summary>
internal sealed record TimelineEntryDto(string Status, DateTime SetAt, DateTime? FirstServedAt, DateTime? LastServedAt, long Served);
