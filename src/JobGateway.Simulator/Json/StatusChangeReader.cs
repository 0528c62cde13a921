using System.Text.Json;

namespace JobGateway.Simulator.Json;

/// <summary>Reads <c>{"status": "...", "result": {...}}</c> of <c>PUT /_control/jobs/{id}/status</c>.</summary>
internal static class StatusChangeReader
{
    public static StatusChange Read(JsonElement body)
    {
        JsonFields.ExpectObject(body, "The body");
        string? status = null;
        var hasResult = false;
        SimulatedJobResult? result = null;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "status": status = JsonFields.String(property.Value, "status"); break;
                case "result":
                    hasResult = true;
                    result = property.Value.ValueKind == JsonValueKind.Null ? null : ReadResult(property.Value);
                    break;
                default: throw JsonFields.UnknownField(string.Empty, property.Name, "status, result");
            }
        }

        if (string.IsNullOrWhiteSpace(status))
        {
            throw new SimulatorValidationException("status is missing; e.g. {\"status\": \"processing\"}");
        }

        return new StatusChange(status, hasResult, result);
    }

    private static SimulatedJobResult ReadResult(JsonElement element)
    {
        var fields = JsonFields.Fields(element, "result");
        IReadOnlyList<string> urls = fields.Remove("urls", out var urlsValue) ? JsonFields.Strings(urlsValue, "result.urls") : [];
        var styleId = fields.Remove("style_id", out var styleValue) && styleValue.ValueKind != JsonValueKind.Null
            ? JsonFields.String(styleValue, "result.style_id")
            : null;
        JsonElement? error = fields.Remove("error", out var errorValue) ? errorValue : null;
        return new SimulatedJobResult(urls, styleId, error, fields);
    }
}
