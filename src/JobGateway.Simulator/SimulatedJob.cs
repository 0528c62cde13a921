using System.Text.Json;

namespace JobGateway.Simulator;

/// <summary>A job as it stands at one instant: what <c>GET /jobs/{id}</c> would answer.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Workspace">The workspace of the token that created the job.</param>
/// <param name="Status">The current status, possibly one Krea does not document.</param>
/// <param name="CreatedAt">When the job was created.</param>
/// <param name="CompletedAt">When the job reached its terminal status; null while pending.</param>
/// <param name="Result">The result, if the current status carries one.</param>
/// <param name="Extra">Extra top-level fields of the job object.</param>
public sealed record SimulatedJob(
    Guid JobId,
    string Workspace,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    SimulatedJobResult? Result,
    IReadOnlyDictionary<string, JsonElement> Extra)
{
    /// <summary>Whether the job has reached a terminal status and will not change by itself any more.</summary>
    public bool IsTerminal => CompletedAt is not null;
}
