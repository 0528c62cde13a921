using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace JobGateway.Tests.Upstream;

/// <summary>An upstream that answers 200 with things that are not a job: the gateway reports it clearly and stays up.</summary>
public sealed class HostileUpstreamTests : IAsyncLifetime
{
    private static readonly Dictionary<string, (string ContentType, Func<string, string> Body)> Behaviours = new()
    {
        ["00000000-0000-4000-8000-000000000001"] = ("application/json", _ => "{\"job_id\": \"00000000-0000-4000-8000-000000000001\", \"status\": "),
        ["00000000-0000-4000-8000-000000000002"] = ("application/json", id => $"{{\"job_id\": \"{id}\", \"status\": 42, \"created_at\": \"2026-01-01T00:00:00Z\"}}"),
        ["00000000-0000-4000-8000-000000000003"] = ("application/json", _ => "{\"job_id\": \"0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d\", \"status\": \"completed\"}"),
        ["00000000-0000-4000-8000-000000000004"] = ("text/html", _ => "<html><body>Welcome to the captive portal</body></html>"),
        ["00000000-0000-4000-8000-000000000005"] = ("application/json", id => $"{{\"job_id\": \"{id}\", \"status\": \"queued\", \"padding\": \"{new string('x', 3 * 1024 * 1024)}\"}}"),
        ["00000000-0000-4000-8000-000000000006"] = ("application/json", id => $"{{\"job_id\": \"{id}\", \"status\": \"queued\", \"result\": {{\"urls\": \"not-a-list\"}}}}"),
        ["00000000-0000-4000-8000-000000000007"] = ("application/json", id => $"{{\"job_id\": \"{id}\", \"status\": \"queued\", \"created_at\": \"yesterday\"}}"),
        ["00000000-0000-4000-8000-000000000008"] = ("application/json", id => $"{{\"job_id\": \"{id}\", \"status\": \"queued\", \"extra\": {new string('[', 5000)}{new string(']', 5000)}}}"),
        ["00000000-0000-4000-8000-000000000009"] = ("application/json", _ => "[]"),
    };

    private WebApplication? upstream;
    private Uri? address;

    public async ValueTask InitializeAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear(); // not the gateway's appsettings.json, which the test folder holds
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{port}" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        upstream = builder.Build();
        upstream.MapGet("/jobs/{id}", (string id) =>
            Behaviours.TryGetValue(id, out var behaviour)
                ? Results.Content(behaviour.Body(id), behaviour.ContentType, Encoding.UTF8)
                : Results.NotFound());
        await upstream.StartAsync(TestContext.Current.CancellationToken);
        address = new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        if (upstream is not null)
        {
            await upstream.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("00000000-0000-4000-8000-000000000001", "not valid JSON")]
    [InlineData("00000000-0000-4000-8000-000000000002", "status must be a string")]
    [InlineData("00000000-0000-4000-8000-000000000003", "but got job 0b6f3c1e")]
    [InlineData("00000000-0000-4000-8000-000000000004", "not valid JSON")]
    [InlineData("00000000-0000-4000-8000-000000000005", "Upstream:MaxResponseBytes")]
    [InlineData("00000000-0000-4000-8000-000000000006", "result.urls must be an array")]
    [InlineData("00000000-0000-4000-8000-000000000007", "created_at is not an ISO-8601 date-time")]
    [InlineData("00000000-0000-4000-8000-000000000008", "not valid JSON")]
    [InlineData("00000000-0000-4000-8000-000000000009", "expected a JSON object")]
    public async Task GetJob_UpstreamAnswersSomethingThatIsNotTheJob_IsUnavailableWithAClearMessage(string jobId, string expected)
    {
        await using var harness = await GatewayHarness.StartAsync(settings: new Dictionary<string, string?> { ["Upstream:BaseUrl"] = address!.ToString() });

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        var stillServing = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = Guid.NewGuid().ToString() }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.Status.Detail.Length < 400, "the message must not echo the upstream's body");
        Assert.Equal(StatusCode.NotFound, stillServing.StatusCode);
    }

    [Fact]
    public async Task WatchJob_UpstreamAnswersGarbage_EndsTheWatchWithUnavailable()
    {
        await using var harness = await GatewayHarness.StartAsync(settings: new Dictionary<string, string?> { ["Upstream:BaseUrl"] = address!.ToString() });

        var status = await WatchRecorder.Start(harness.Client, "00000000-0000-4000-8000-000000000004", cancellationToken: TestContext.Current.CancellationToken).EndAsync();

        Assert.Equal(StatusCode.Unavailable, status.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
