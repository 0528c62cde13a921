using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobGateway.Simulator.Json;

internal sealed class JobResultDto
{
    public required IReadOnlyList<string> Urls { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StyleId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Error { get; init; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}
