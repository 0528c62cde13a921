using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobGateway.Bench.Upstream;

/// <summary>The bench's side of the simulator: creating jobs, steering them, reading timelines and counters.</summary>
internal sealed class SimulatorClient : IDisposable
{
    public const string Token = "demo-token";

    private readonly HttpClient http;

    public SimulatorClient(Uri baseAddress)
    {
        http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task<string> CreateJobAsync(LifecycleScript script, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["prompt"] = "bench", ["simulation"] = script.ToSimulation() };
        using var response = await http.PostAsJsonAsync("generate/image/bench/lifecycle", body, cancellationToken);
        var json = await ReadAsync(response, cancellationToken);
        return json.GetProperty("job_id").GetString()!;
    }

    /// <summary>Creates a job that stays queued until changed through the control API.</summary>
    public async Task<string> CreateManualJobAsync(CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["prompt"] = "bench", ["simulation"] = new JsonObject { ["preset"] = "manual" } };
        using var response = await http.PostAsJsonAsync("generate/image/bench/manual", body, cancellationToken);
        var json = await ReadAsync(response, cancellationToken);
        return json.GetProperty("job_id").GetString()!;
    }

    public async Task AdvanceAsync(string jobId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri($"_control/jobs/{jobId}/advance", UriKind.Relative), null, cancellationToken);
        await ReadAsync(response, cancellationToken);
    }

    public async Task SetStatusAsync(string jobId, string status, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"_control/jobs/{jobId}/status", new JsonObject { ["status"] = status }, cancellationToken);
        await ReadAsync(response, cancellationToken);
    }

    public async Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string jobId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"_control/jobs/{jobId}/timeline", UriKind.Relative), cancellationToken);
        var json = await ReadAsync(response, cancellationToken);
        return
        [
            .. json.EnumerateArray().Select(entry => new TimelineEntry(
                entry.GetProperty("status").GetString()!,
                Instant(entry.GetProperty("set_at"))!.Value,
                Instant(entry.GetProperty("first_served_at")),
                Instant(entry.GetProperty("last_served_at")),
                entry.GetProperty("served").GetInt64())),
        ];
    }

    /// <summary><c>GET /jobs/{id}</c> requests the simulator counted for the job.</summary>
    public async Task<long> GetJobGetsAsync(string jobId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"_control/jobs/{jobId}/counters", UriKind.Relative), cancellationToken);
        var json = await ReadAsync(response, cancellationToken);
        return json.GetProperty("get").GetInt64();
    }

    public void Dispose() => http.Dispose();

    private static DateTime? Instant(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null
            ? null
            : DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"The simulator answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
