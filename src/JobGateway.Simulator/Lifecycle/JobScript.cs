using System.Text.Json;

namespace JobGateway.Simulator.Lifecycle;

/// <summary>The compiled, immutable lifecycle of one job.</summary>
internal sealed class JobScript(
    IReadOnlyList<ScriptStep> steps,
    string outcome,
    SimulatedJobResult completedResult,
    SimulatedJobResult failedResult,
    SimulatedJobResult intermediateResult,
    IReadOnlyDictionary<string, JsonElement> extra)
{
    public IReadOnlyList<ScriptStep> Steps { get; } = steps;

    public string Outcome { get; } = outcome;

    public IReadOnlyDictionary<string, JsonElement> Extra { get; } = extra;

    /// <summary>The same rule for steps, outcome and control-set statuses, so a status always looks alike.</summary>
    public SimulatedJobResult? ResultFor(string status) => status switch
    {
        JobStatuses.Completed => completedResult,
        JobStatuses.Failed => failedResult,
        JobStatuses.IntermediateComplete => intermediateResult,
        _ => null,
    };
}
