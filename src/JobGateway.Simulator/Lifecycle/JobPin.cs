namespace JobGateway.Simulator.Lifecycle;

/// <summary>A status set from outside the script (cancel or control API); it holds until replaced or advanced.</summary>
internal sealed record JobPin(string Status, SimulatedJobResult? Result, DateTimeOffset? CompletedAt);
