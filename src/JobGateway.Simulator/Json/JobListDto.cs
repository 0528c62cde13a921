namespace JobGateway.Simulator.Json;

internal sealed record JobListDto(IReadOnlyList<JobDto> Items, DateTime? NextCursor);
