using System.Text.Json;

namespace JobGateway.Simulator.Json;

/// <summary>Reads the optional <c>simulation</c> object of a create request.</summary>
internal static class SimulationSpecReader
{
    private const string Path = "simulation";
    private const string Known = "preset, steps, outcome, error, urls, style_id, extra, result_extra, intermediate_urls";

    /// <param name="body">The whole request body, any object; only its <c>simulation</c> field is read.</param>
    public static SimulationSpec Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new SimulatorValidationException("The request body must be a JSON object, e.g. {\"prompt\": \"a cat\"}");
        }

        if (!body.TryGetProperty(Path, out var simulation) || simulation.ValueKind == JsonValueKind.Null)
        {
            return new SimulationSpec();
        }

        JsonFields.ExpectObject(simulation, Path);
        string? preset = null, outcome = null, styleId = null;
        JsonElement? error = null;
        IReadOnlyList<SimulationStep>? steps = null;
        IReadOnlyList<string>? urls = null, intermediateUrls = null;
        IReadOnlyDictionary<string, JsonElement>? extra = null, resultExtra = null;
        foreach (var property in simulation.EnumerateObject())
        {
            var path = JsonFields.Join(Path, property.Name);
            var value = property.Value;
            switch (property.Name)
            {
                case "preset": preset = JsonFields.String(value, path); break;
                case "steps": steps = ReadSteps(value, path); break;
                case "outcome": outcome = JsonFields.String(value, path); break;
                case "error": error = value.Clone(); break;
                case "urls": urls = JsonFields.Strings(value, path); break;
                case "style_id": styleId = JsonFields.String(value, path); break;
                case "extra": extra = JsonFields.Fields(value, path); break;
                case "result_extra": resultExtra = JsonFields.Fields(value, path); break;
                case "intermediate_urls": intermediateUrls = JsonFields.Strings(value, path); break;
                default: throw JsonFields.UnknownField(Path, property.Name, Known);
            }
        }

        return new SimulationSpec
        {
            Preset = preset,
            Steps = steps,
            Outcome = outcome,
            Error = error,
            Urls = urls,
            StyleId = styleId,
            Extra = extra,
            ResultExtra = resultExtra,
            IntermediateUrls = intermediateUrls,
        };
    }

    private static SimulationStep[] ReadSteps(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new SimulatorValidationException($"{path} must be an array like [{{\"status\": \"queued\", \"seconds\": 2}}]");
        }

        var steps = new SimulationStep[element.GetArrayLength()];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{i}]";
            JsonFields.ExpectObject(item, itemPath);
            string? status = null;
            double? seconds = null;
            foreach (var property in item.EnumerateObject())
            {
                var propertyPath = JsonFields.Join(itemPath, property.Name);
                switch (property.Name)
                {
                    case "status": status = JsonFields.String(property.Value, propertyPath); break;
                    case "seconds": seconds = property.Value.ValueKind == JsonValueKind.Null ? null : JsonFields.Number(property.Value, propertyPath); break;
                    default: throw JsonFields.UnknownField(itemPath, property.Name, "status, seconds");
                }
            }

            steps[i++] = new SimulationStep(
                status ?? throw new SimulatorValidationException($"{itemPath}.status is missing; give the status the job shows during the step"),
                seconds);
        }

        return steps;
    }
}
