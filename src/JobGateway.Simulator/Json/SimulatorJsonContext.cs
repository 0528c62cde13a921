using System.Text.Json.Serialization;

namespace JobGateway.Simulator.Json;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(JobListDto))]
[JsonSerializable(typeof(ErrorDto))]
[JsonSerializable(typeof(CountersDto))]
[JsonSerializable(typeof(JobCountsDto))]
[JsonSerializable(typeof(IReadOnlyList<TimelineEntryDto>))]
[JsonSerializable(typeof(string))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
