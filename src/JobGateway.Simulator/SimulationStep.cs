namespace JobGateway.Simulator;

/// <summary>One pending status of a scripted lifecycle.</summary>
/// <param name="Status">The status shown during the step; any string except a terminal status.</param>
/// <param name="Seconds">How long the step lasts; null lasts until the job is advanced through the control API.</param>
public sealed record SimulationStep(string Status, double? Seconds);
