namespace JobGateway.Simulator.Lifecycle;

/// <param name="StepIndex">Position in the script; <c>Steps.Count</c> once the outcome is reached.</param>
internal readonly record struct JobState(string Status, SimulatedJobResult? Result, DateTimeOffset? CompletedAt, int StepIndex);
