using System.Text.Json;

namespace JobGateway.Simulator;

/// <summary>The <c>result</c> object of a job.</summary>
/// <param name="Urls">The result URLs; empty for a failed job.</param>
/// <param name="StyleId">The <c>style_id</c>, omitted from JSON when null.</param>
/// <param name="Error">The <c>error</c>, any JSON value, omitted from JSON when null.</param>
/// <param name="Extra">Extra fields of the result object.</param>
public sealed record SimulatedJobResult(
    IReadOnlyList<string> Urls,
    string? StyleId = null,
    JsonElement? Error = null,
    IReadOnlyDictionary<string, JsonElement>? Extra = null);
