using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobGateway.Simulator.Json;

/// <summary>Krea's job object; <see cref="Extra"/> adds the fields a simulation spec asks for.</summary>
internal sealed class JobDto
{
    public required Guid JobId { get; init; }

    public required string Status { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime? CompletedAt { get; init; }

    public required JobResultDto? Result { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}
