using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobGateway.Cli.Tests.Infrastructure;

/// <summary>Arranges jobs through the simulator's Krea route and its control API.</summary>
public sealed class SimulatorControl(Uri baseAddress) : IDisposable
{
    public const string DemoToken = "demo-token";
    public const string OtherToken = "other-token";

    private readonly HttpClient http = new() { BaseAddress = baseAddress };

    /// <summary>Creates a job; "manual" stays queued until the test moves it.</summary>
    public Task<string> CreateJobAsync(string preset = "manual", string token = DemoToken) =>
        CreateJobAsync(new JsonObject { ["preset"] = preset }, token);

    /// <summary>Creates a job from a full simulation spec (preset, extra fields, result URLs, ...).</summary>
    public async Task<string> CreateJobAsync(JsonObject simulation, string token = DemoToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "generate/image/sim/test")
        {
            Content = JsonContent.Create(new JsonObject { ["prompt"] = "a test", ["simulation"] = simulation }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"create failed: {(int)response.StatusCode} {body}");
        using var job = JsonDocument.Parse(body);
        return job.RootElement.GetProperty("job_id").GetString()!;
    }

    public Task SetStatusAsync(string jobId, string status, JsonObject? result = null)
    {
        var body = new JsonObject { ["status"] = status };
        if (result is not null)
        {
            body["result"] = result;
        }

        return SendAsync(HttpMethod.Put, $"_control/jobs/{jobId}/status", body);
    }

    public Task SetJobFaultAsync(string jobId, JsonObject fault) => SendAsync(HttpMethod.Put, $"_control/jobs/{jobId}/faults", fault);

    public void Dispose() => http.Dispose();

    private async Task SendAsync(HttpMethod method, string path, JsonObject body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} failed: {(int)response.StatusCode} {text}");
    }
}
