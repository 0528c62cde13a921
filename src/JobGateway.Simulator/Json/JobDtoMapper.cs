using System.Text.Json;

namespace JobGateway.Simulator.Json;

internal static class JobDtoMapper
{
    public static JobDto ToDto(SimulatedJob job) => new()
    {
        JobId = job.JobId,
        Status = job.Status,
        CreatedAt = job.CreatedAt.UtcDateTime,
        CompletedAt = job.CompletedAt?.UtcDateTime,
        Result = job.Result is { } result ? ToDto(result) : null,
        Extra = Fields(job.Extra),
    };

    public static JobListDto ToDto(SimulatedJobPage page) =>
        new([.. page.Items.Select(ToDto)], page.NextCursor?.UtcDateTime);

    public static CountersDto ToDto(CounterSnapshot counters) => new(
        counters.Routes,
        counters.Jobs.ToDictionary(pair => pair.Key.ToString("D"), pair => ToDto(pair.Value), StringComparer.Ordinal),
        counters.Total);

    public static JobCountsDto ToDto(JobRequestCounts counts) => new(counts.Get, counts.Delete, counts.Aborted);

    public static IReadOnlyList<TimelineEntryDto> ToDto(IReadOnlyList<StatusTimelineEntry> timeline) =>
        [.. timeline.Select(entry => new TimelineEntryDto(
            entry.Status,
            entry.SetAt.UtcDateTime,
            entry.FirstServedAt?.UtcDateTime,
            entry.LastServedAt?.UtcDateTime,
            entry.Served))];

    private static JobResultDto ToDto(SimulatedJobResult result) => new()
    {
        Urls = result.Urls,
        StyleId = result.StyleId,
        Error = result.Error,
        Extra = Fields(result.Extra),
    };

    // The engine stores extra fields as dictionaries already; only a caller-built result needs a copy.
    private static IDictionary<string, JsonElement>? Fields(IReadOnlyDictionary<string, JsonElement>? fields) => fields switch
    {
        null or { Count: 0 } => null,
        IDictionary<string, JsonElement> dictionary => dictionary,
        _ => fields.ToDictionary(StringComparer.Ordinal),
    };
}
