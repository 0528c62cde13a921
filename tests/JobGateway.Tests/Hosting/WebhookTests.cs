using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Tests.Hosting;

public sealed class WebhookTests
{
    [Fact]
    public async Task Webhook_TerminalStateWebhook_WatchersLearnItWithoutWaitingForThePoll()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true);
        using var http = new HttpClient { BaseAddress = harness.Node.HttpAddress };
        var jobId = await harness.Simulator.CreateJobAsync();
        var watcher = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => watcher.Count == 1, "first state");
        await harness.Simulator.SetStatusAsync(jobId, "completed");
        var webhook = await harness.Simulator.RawJobAsync(jobId);

        // The clock does not move: only the webhook can make the group poll now.
        using var response = await http.PostAsJsonAsync("/webhooks/krea", webhook, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(StatusCode.OK, (await watcher.EndAsync()).StatusCode);
        Assert.Equal([JobState.Queued, JobState.Completed], watcher.Received.Select(j => j.State));
        Assert.Equal(2, (await harness.Simulator.CountsAsync(jobId)).Get);
    }

    [Fact]
    public async Task Webhook_Forged_ChangesNothingWatchersReceiveButTheTimeOfOnePoll()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true);
        using var http = new HttpClient { BaseAddress = harness.Node.HttpAddress };
        var jobId = await harness.Simulator.CreateJobAsync();
        var watcher = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => watcher.Count == 1, "first state");
        var forged = new JsonObject
        {
            ["job_id"] = jobId,
            ["status"] = "completed",
            ["result"] = new JsonObject { ["urls"] = new JsonArray("https://evil.invalid/x.png") },
        };

        for (var i = 0; i < 5; i++)
        {
            using var response = await http.PostAsJsonAsync("/webhooks/krea", forged, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Eventually.TrueAsync(async () => (await harness.Simulator.CountsAsync(jobId)).Get == 2, "the hint made one poll");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(2, (await harness.Simulator.CountsAsync(jobId)).Get); // repeats within an interval are ignored
        Assert.Equal(1, watcher.Count); // the poll found the job unchanged: nothing to send, nothing forged
        Assert.Equal(JobState.Queued, watcher.Last!.State);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"job_id\": \"../../etc\"}")]
    [InlineData("{\"status\": \"completed\"}")]
    [InlineData("[1,2,3]")]
    public async Task Webhook_Malformed_IsBadRequestWithoutUpstreamCall(string body)
    {
        await using var harness = await GatewayHarness.StartAsync();
        using var http = new HttpClient { BaseAddress = harness.Node.HttpAddress };

        using var response = await http.PostAsync("/webhooks/krea", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("job_id", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, await harness.Simulator.TotalRequestsAsync());
    }

    [Fact]
    public async Task Webhook_Flood_IsRateLimited()
    {
        await using var harness = await GatewayHarness.StartAsync(settings: new Dictionary<string, string?> { ["Webhooks:PermitsPerSecond"] = "3" });
        using var http = new HttpClient { BaseAddress = harness.Node.HttpAddress };

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await http.PostAsJsonAsync("/webhooks/krea", new JsonObject { ["job_id"] = Guid.NewGuid().ToString() }, TestContext.Current.CancellationToken);
            codes.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.True(codes.Count(c => c == HttpStatusCode.Accepted) <= 6, string.Join(",", codes));
    }
}
