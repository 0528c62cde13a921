namespace JobGateway.Simulator.Json;

/// <param name="HasResult">False: use the result the job's script gives the status.</param>
internal sealed record StatusChange(string Status, bool HasResult, SimulatedJobResult? Result);
