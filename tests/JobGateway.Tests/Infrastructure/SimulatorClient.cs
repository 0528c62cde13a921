using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobGateway.Tests.Infrastructure;

/// <summary>The simulator's Krea routes and control API over HTTP, for arranging and counting.</summary>
internal sealed class SimulatorClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseAddress };

    /// <summary>Creates a job; the default is the "manual" preset: queued until the test moves it.</summary>
    public async Task<string> CreateJobAsync(string token = GatewayHarness.DemoToken, JsonObject? simulation = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "generate/image/sim/test-model")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["prompt"] = "a lighthouse at dusk",
                ["simulation"] = simulation ?? new JsonObject { ["preset"] = "manual" },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"create failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("job_id").GetString()!;
    }

    public Task SetStatusAsync(string jobId, string status, JsonObject? result = null) =>
        SendAsync(HttpMethod.Put, $"_control/jobs/{jobId}/status", new JsonObject { ["status"] = status, ["result"] = result });

    public Task AdvanceAsync(string jobId) => SendAsync(HttpMethod.Post, $"_control/jobs/{jobId}/advance", null);

    public Task SetJobFaultAsync(string jobId, JsonObject fault) => SendAsync(HttpMethod.Put, $"_control/jobs/{jobId}/faults", fault);

    public Task SetGlobalFaultAsync(JsonObject fault) => SendAsync(HttpMethod.Put, "_control/faults", fault);

    public async Task<(int Get, int Delete)> CountsAsync(string jobId)
    {
        var json = await http.GetFromJsonAsync<JsonElement>($"_control/jobs/{jobId}/counters", TestContext.Current.CancellationToken);
        return (json.GetProperty("get").GetInt32(), json.GetProperty("delete").GetInt32());
    }

    /// <summary>Requests to the job that the caller abandoned before the simulator answered.</summary>
    public async Task<int> AbortedRequestsAsync(string jobId)
    {
        var json = await http.GetFromJsonAsync<JsonElement>($"_control/jobs/{jobId}/counters", TestContext.Current.CancellationToken);
        return json.GetProperty("aborted").GetInt32();
    }

    public async Task<long> TotalRequestsAsync()
    {
        var json = await http.GetFromJsonAsync<JsonElement>("_control/counters", TestContext.Current.CancellationToken);
        return json.GetProperty("total").GetInt64();
    }

    public async Task<JsonElement> RawJobAsync(string jobId) =>
        await http.GetFromJsonAsync<JsonElement>($"_control/jobs/{jobId}", TestContext.Current.CancellationToken);

    public void Dispose() => http.Dispose();

    private async Task SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} failed: {(int)response.StatusCode} {text}");
    }
}
