using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using JobGateway.V1;

namespace JobGateway.Upstream;

/// <summary>
/// Maps the upstream's job object to <see cref="Job"/>. Every field the contract does not name is kept
/// in <c>extra</c>; an unknown status becomes <see cref="JobState.Unspecified"/> with the raw string kept.
/// Anything that is not a job object raises <see cref="UpstreamException"/> (never another exception).
/// </summary>
internal static class UpstreamJobMapper
{
    private const int MaxDepth = 32;

    public static Job Map(ReadOnlySpan<byte> json, string expectedJobId)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw Invalid($"the body is not valid JSON ({ex.Message})");
        }

        using (document)
        {
            return Map(document.RootElement, expectedJobId);
        }
    }

    public static Job Map(JsonElement root, string expectedJobId)
    {
        try
        {
            return MapObject(root, expectedJobId);
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument checks structure, not the text inside strings: invalid UTF-8 or a lone
            // surrogate escape (\ud800) only fails when a name or string is read (found by fuzzing).
            throw Invalid($"a name or string is not valid Unicode ({ex.Message})");
        }
    }

    private static Job MapObject(JsonElement root, string expectedJobId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"expected a JSON object, got {root.ValueKind}");
        }

        var job = new Job();
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "job_id":
                    job.JobId = RequireString(property);
                    break;
                case "status":
                    job.UpstreamStatus = RequireString(property);
                    job.State = JobStatusTable.ToState(job.UpstreamStatus);
                    break;
                case "created_at":
                    job.CreatedAt = ReadTimestamp(property);
                    break;
                case "completed_at":
                    job.CompletedAt = ReadTimestamp(property);
                    break;
                case "result":
                    job.Result = ReadResult(property.Value);
                    break;
                case "":
                    // A Struct cannot hold an empty key (protobuf JSON rejects it): nothing to keep it under.
                    break;
                default:
                    job.Extra ??= new Struct();
                    job.Extra.Fields[property.Name] = ToValue(property.Value);
                    break;
            }
        }

        if (job.JobId.Length == 0)
        {
            throw Invalid("the job object has no job_id");
        }

        if (!string.Equals(job.JobId, expectedJobId, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid($"asked for job {expectedJobId} but got job {Truncate(job.JobId)}");
        }

        if (job.UpstreamStatus.Length == 0)
        {
            throw Invalid("the job object has no status");
        }

        return job;
    }

    private static JobResult? ReadResult(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"result must be an object or null, got {element.ValueKind}");
        }

        var result = new JobResult();
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "urls" when property.Value.ValueKind == JsonValueKind.Array:
                    foreach (var url in property.Value.EnumerateArray())
                    {
                        if (url.ValueKind != JsonValueKind.String)
                        {
                            throw Invalid($"result.urls must hold strings, got {url.ValueKind}");
                        }

                        result.Urls.Add(url.GetString());
                    }

                    break;
                case "urls" when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "urls":
                    throw Invalid($"result.urls must be an array, got {property.Value.ValueKind}");
                case "error":
                    result.Error = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString() ?? string.Empty,
                        JsonValueKind.Null => string.Empty,
                        _ => property.Value.GetRawText(),
                    };
                    break;
                case "style_id" when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "style_id":
                    result.StyleId = RequireString(property);
                    break;
                case "":
                    break;
                default:
                    result.Extra ??= new Struct();
                    result.Extra.Fields[property.Name] = ToValue(property.Value);
                    break;
            }
        }

        return result;
    }

    private static Timestamp? ReadTimestamp(JsonProperty property)
    {
        if (property.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = RequireString(property);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw Invalid($"{property.Name} is not an ISO-8601 date-time: '{Truncate(text)}'");
        }

        return Timestamp.FromDateTimeOffset(value);
    }

    private static string RequireString(JsonProperty property)
    {
        if (property.Value.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"{property.Name} must be a string, got {property.Value.ValueKind}");
        }

        return property.Value.GetString() ?? string.Empty;
    }

    private static Value ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Value.ForStruct(ToStruct(element)),
        JsonValueKind.Array => Value.ForList([.. element.EnumerateArray().Select(ToValue)]),
        JsonValueKind.String => Value.ForString(element.GetString() ?? string.Empty),
        // A number beyond double's range keeps its text rather than becoming Infinity.
        JsonValueKind.Number => element.GetDouble() is var number && double.IsFinite(number) ? Value.ForNumber(number) : Value.ForString(element.GetRawText()),
        JsonValueKind.True => Value.ForBool(true),
        JsonValueKind.False => Value.ForBool(false),
        _ => Value.ForNull(),
    };

    private static Struct ToStruct(JsonElement element)
    {
        var result = new Struct();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Length > 0)
            {
                result.Fields[property.Name] = ToValue(property.Value);
            }
        }

        return result;
    }

    private static UpstreamException Invalid(string detail) =>
        new(UpstreamFailureKind.InvalidResponse, $"The upstream returned an invalid job object: {detail}.");

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
