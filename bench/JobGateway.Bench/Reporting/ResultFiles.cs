using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JobGateway.Bench.Reporting;

/// <summary>Writes <c>&lt;name&gt;.json</c> and <c>&lt;name&gt;.svg</c> into the output directory.</summary>
internal static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<(string Json, string Svg)> WriteAsync<T>(string outDir, string name, T result, string svg, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDir);
        var jsonPath = Path.Combine(outDir, name + ".json");
        var svgPath = Path.Combine(outDir, name + ".svg");
        await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(result, Json) + "\n", cancellationToken);
        await File.WriteAllTextAsync(svgPath, svg, cancellationToken);
        return (jsonPath, svgPath);
    }
}
