using System.Diagnostics;
using System.Text.Json.Nodes;
using Grpc.Core;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Tests.Upstream;

public sealed class UpstreamResilienceTests
{
    [Fact]
    public async Task GetJob_Upstream500ThatRecovers_IsRetriedTransparently()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["status"] = 500, ["count"] = 2 });

        var job = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;

        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(3, (await harness.Simulator.CountsAsync(jobId)).Get);
    }

    [Fact]
    public async Task GetJob_PersistentUpstream500_IsUnavailable()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["status"] = 500, ["rate"] = 1.0 });

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("500", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, (await harness.Simulator.CountsAsync(jobId)).Get); // the first try and Upstream:MaxRetries=2
    }

    [Fact]
    public async Task GetJob_429WithRetryAfter_WaitsAsAskedThenSucceeds()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["status"] = 429, ["retry_after_seconds"] = 1, ["count"] = 1 });
        var clock = Stopwatch.StartNew();

        var job = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;

        Assert.Equal(JobState.Queued, job.State);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed}, before the upstream's Retry-After of 1 s");
        Assert.Equal(2, (await harness.Simulator.CountsAsync(jobId)).Get);
    }

    [Fact]
    public async Task GetJob_Persistent429_IsResourceExhausted()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["status"] = 429, ["rate"] = 1.0 });

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("rate limiting", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_RetryAfterLongerThanTheGatewayWaits_IsResourceExhaustedAtOnce()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["status"] = 429, ["retry_after_seconds"] = 120, ["count"] = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("retry after 120 s", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await harness.Simulator.CountsAsync(jobId)).Get);
    }

    [Fact]
    public async Task GetJob_ClientDeadline_IsDeadlineExceededAndTheUpstreamCallIsCancelled()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["latency_ms"] = 30_000, ["count"] = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), deadline: DateTime.UtcNow.AddMilliseconds(300), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        var context = harness.Service<JobGateway.Polling.PollGroupRegistry>().Context;
        await Eventually.TrueAsync(() => harness.Simulator.AbortedRequestsAsync(jobId).ContinueWith(t => t.Result == 1, TaskScheduler.Default), "the simulator saw the upstream request aborted");
        Assert.Equal(0, context.PollCount);
    }

    [Fact]
    public async Task GetJob_UpstreamDropsConnection_IsRetriedThenSucceeds()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new JsonObject { ["drop"] = true, ["count"] = 1 });

        var job = (await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken)).Job;

        Assert.Equal(JobState.Queued, job.State);
    }

    [Fact]
    public async Task GetJob_UpstreamDown_IsUnavailableNamingTheUpstream()
    {
        await using var harness = await GatewayHarness.StartAsync(settings: new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "http://127.0.0.1:9/" });

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = Guid.NewGuid().ToString() }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("127.0.0.1:9", error.Status.Detail, StringComparison.Ordinal);
    }
}
