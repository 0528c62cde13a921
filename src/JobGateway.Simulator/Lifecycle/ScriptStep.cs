namespace JobGateway.Simulator.Lifecycle;

/// <param name="Duration">Null: the step lasts until the job is advanced.</param>
internal readonly record struct ScriptStep(string Status, TimeSpan? Duration);
