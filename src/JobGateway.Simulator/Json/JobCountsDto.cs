namespace JobGateway.Simulator.Json;

internal sealed record JobCountsDto(long Get, long Delete, long Aborted);
