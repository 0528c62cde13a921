namespace JobGateway.Simulator;

/// <summary>The answer to a cancel request.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Job">The job after the request; null when <see cref="CancelJobOutcome.NotFound"/>.</param>
public sealed record CancelJobResult(CancelJobOutcome Outcome, SimulatedJob? Job);
