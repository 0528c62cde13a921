using System.Text.Json.Nodes;
using Grpc.Core;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Tests.Grpc;

public sealed class GetJobTests
{
    [Theory]
    [InlineData("backlogged", JobState.Backlogged)]
    [InlineData("queued", JobState.Queued)]
    [InlineData("scheduled", JobState.Scheduled)]
    [InlineData("processing", JobState.Processing)]
    [InlineData("sampling", JobState.Sampling)]
    [InlineData("intermediate-complete", JobState.IntermediateComplete)]
    [InlineData("completed", JobState.Completed)]
    [InlineData("failed", JobState.Failed)]
    [InlineData("cancelled", JobState.Cancelled)]
    [InlineData("warming-up", JobState.Unspecified)]
    public async Task GetJob_EachUpstreamStatus_MapsStateAndKeepsRawStatus(string status, JobState expected)
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetStatusAsync(jobId, status);

        var response = await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(jobId, response.Job.JobId);
        Assert.Equal(expected, response.Job.State);
        Assert.Equal(status, response.Job.UpstreamStatus);
        Assert.True(response.Job.Revision > 0);
    }

    [Fact]
    public async Task GetJob_CompletedJob_RoundTripsTimestampsUrlsAndUnknownFields()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync(simulation: new JsonObject
        {
            ["preset"] = "manual",
            ["extra"] = new JsonObject { ["preview_urls"] = new JsonArray("https://sim.invalid/p/0.png"), ["cost"] = new JsonObject { ["credits"] = 4 } },
            ["result_extra"] = new JsonObject { ["seed"] = 42 },
        });
        await harness.Simulator.SetStatusAsync(jobId, "completed", new JsonObject
        {
            ["urls"] = new JsonArray("https://sim.invalid/r/0.png", "https://sim.invalid/r/1.png"),
            ["style_id"] = "style-7",
            ["seed"] = 42,
        });
        var raw = await harness.Simulator.RawJobAsync(jobId);

        var job = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;

        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal(DateTimeOffset.Parse(raw.GetProperty("created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture), job.CreatedAt.ToDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse(raw.GetProperty("completed_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture), job.CompletedAt.ToDateTimeOffset());
        Assert.Equal(["https://sim.invalid/r/0.png", "https://sim.invalid/r/1.png"], job.Result.Urls);
        Assert.Equal("style-7", job.Result.StyleId);
        Assert.Equal(42, job.Result.Extra.Fields["seed"].NumberValue);
        Assert.Equal("https://sim.invalid/p/0.png", job.Extra.Fields["preview_urls"].ListValue.Values[0].StringValue);
        Assert.Equal(4, job.Extra.Fields["cost"].StructValue.Fields["credits"].NumberValue);
    }

    [Fact]
    public async Task GetJob_PendingJob_HasNoCompletedAt()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();

        var job = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;

        Assert.Equal(JobState.Queued, job.State);
        Assert.Null(job.CompletedAt);
        Assert.NotNull(job.CreatedAt);
    }

    [Theory]
    [InlineData("\"Simulated failure\"", "Simulated failure")]
    [InlineData("{\"code\":\"nsfw\",\"detail\":\"blocked\"}", "{\"code\":\"nsfw\",\"detail\":\"blocked\"}")]
    public async Task GetJob_FailedJob_CarriesResultError(string errorJson, string expected)
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetStatusAsync(jobId, "failed", new JsonObject { ["urls"] = new JsonArray(), ["error"] = JsonNode.Parse(errorJson) });

        var job = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;

        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal(expected, job.Result.Error);
    }

    [Fact]
    public async Task GetJob_UnknownJob_IsNotFound()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = Guid.NewGuid().ToString() }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("not found", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetJob_AnotherWorkspacesJob_IsNotFoundAndLeaksNothing()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync(GatewayHarness.DemoToken);
        await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(GatewayHarness.OtherToken), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetJob_NoAuthorization_IsUnauthenticatedWithoutUpstreamCall()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        var before = await harness.Simulator.TotalRequestsAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("authorization", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await harness.Simulator.TotalRequestsAsync());
    }

    [Fact]
    public async Task GetJob_TokenTheUpstreamRejects_IsUnauthenticated()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth("revoked-token"), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("not-a-uuid")]
    [InlineData("0b6f3c1e8f9a4a579d3c2f1e4b5a6c7d")]
    [InlineData("{0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d}")]
    [InlineData("0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d/../../admin")]
    [InlineData("LONG")]
    public async Task GetJob_MalformedId_IsInvalidArgumentWithZeroUpstreamRequests(string jobId)
    {
        if (jobId == "LONG")
        {
            jobId = new string('a', 10 * 1024);
        }

        await using var harness = await GatewayHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("job_id", error.Status.Detail, StringComparison.Ordinal);
        Assert.True(error.Status.Detail.Length < 300, "the message must not echo a huge id back");
        Assert.Equal(0, await harness.Simulator.TotalRequestsAsync());
    }

    [Fact]
    public async Task GetJob_UpperCaseId_IsTheSameJob()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();

        var job = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId.ToUpperInvariant() }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;

        Assert.Equal(jobId, job.JobId);
    }

    [Fact]
    public async Task GetJob_ConcurrentCallsWithoutSnapshot_ShareOneUpstreamRequest()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["latency_ms"] = 300, ["count"] = 1 });

        var calls = Enumerable.Range(0, 50).Select(_ => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync).ToArray();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(responses[0].Job, r.Job));
        Assert.Equal(1, (await harness.Simulator.CountsAsync(jobId)).Get);
    }

    [Fact]
    public async Task GetJob_FreshSnapshot_IsServedWithoutUpstreamCall()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true);
        var jobId = await harness.Simulator.CreateJobAsync();
        var first = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;
        await harness.Simulator.SetStatusAsync(jobId, "processing");
        harness.Advance(TimeSpan.FromSeconds(1));

        var cached = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;
        harness.Advance(TimeSpan.FromSeconds(1.5));
        var fresh = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;

        Assert.Equal(first, cached);
        Assert.Equal(JobState.Processing, fresh.State);
        Assert.Equal(first.Revision + 1, fresh.Revision);
        Assert.Equal(2, (await harness.Simulator.CountsAsync(jobId)).Get);
    }
}
