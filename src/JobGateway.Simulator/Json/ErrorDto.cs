namespace JobGateway.Simulator.Json;

internal sealed record ErrorDto(string Error);
