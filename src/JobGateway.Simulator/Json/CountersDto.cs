namespace JobGateway.Simulator.Json;

internal sealed record CountersDto(
    IReadOnlyDictionary<string, long> Routes,
    IReadOnlyDictionary<string, JobCountsDto> Jobs,
    long Total);
