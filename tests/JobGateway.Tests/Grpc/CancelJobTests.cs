using Grpc.Core;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Tests.Grpc;

public sealed class CancelJobTests
{
    [Theory]
    [InlineData("queued")]
    [InlineData("processing")]
    public async Task CancelJob_WhileCancellable_ReturnsCancelledJob(string status)
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetStatusAsync(jobId, status);

        var response = await harness.Client.CancelJobAsync(new CancelJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(JobState.Cancelled, response.Job.State);
        Assert.NotNull(response.Job.CompletedAt);
        Assert.Equal(1, (await harness.Simulator.CountsAsync(jobId)).Delete);
    }

    [Theory]
    [InlineData("backlogged", "backlogged")]
    [InlineData("scheduled", "scheduled")]
    [InlineData("sampling", "sampling")]
    [InlineData("intermediate-complete", "intermediate-complete")]
    [InlineData("completed", "completed")]
    [InlineData("failed", "failed")]
    [InlineData("cancelled", "cancelled")]
    [InlineData("warming-up", "unknown")]
    public async Task CancelJob_InAnyOtherState_IsFailedPreconditionNamingTheState(string status, string described)
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetStatusAsync(jobId, status);

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.CancelJobAsync(
            new CancelJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains($"it is {described}", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"'{status}'", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelJob_AnotherWorkspacesJob_IsNotFoundAndNotCancelled()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync(GatewayHarness.DemoToken);

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.CancelJobAsync(
            new CancelJobRequest { JobId = jobId }, GatewayHarness.Auth(GatewayHarness.OtherToken), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var job = await harness.Simulator.RawJobAsync(jobId);
        Assert.Equal("queued", job.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CancelJob_MalformedId_IsInvalidArgumentWithZeroUpstreamRequests()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.CancelJobAsync(
            new CancelJobRequest { JobId = "../jobs" }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(0, await harness.Simulator.TotalRequestsAsync());
    }

    [Fact]
    public async Task CancelJob_UpstreamFailsWith500_IsUnavailableAndNotRetried()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Simulator.SetJobFaultAsync(jobId, new System.Text.Json.Nodes.JsonObject { ["status"] = 500, ["count"] = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.CancelJobAsync(
            new CancelJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, (await harness.Simulator.CountsAsync(jobId)).Delete);
    }
}
