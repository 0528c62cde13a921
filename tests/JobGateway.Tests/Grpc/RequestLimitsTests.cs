using Grpc.Core;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Tests.Grpc;

public sealed class RequestLimitsTests
{
    [Fact]
    public async Task GetJob_RequestMessageOver64KiB_IsRefusedWithoutUpstreamCall()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = new string('a', 100 * 1024) }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(0, await harness.Simulator.TotalRequestsAsync());
    }

    [Fact]
    public async Task GetJob_MetadataOverTheHeaderLimit_IsRefusedWithoutUpstreamCall()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var headers = GatewayHarness.Auth();
        headers.Add("x-padding", new string('p', 64 * 1024));

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = Guid.NewGuid().ToString() }, headers, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        Assert.Equal(0, await harness.Simulator.TotalRequestsAsync());
    }

    [Fact]
    public async Task GetJob_TokenWithSpacesOrControlCharacters_IsUnauthenticatedWithoutUpstreamCall()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(
            new GetJobRequest { JobId = Guid.NewGuid().ToString() }, GatewayHarness.Auth("two words"), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(0, await harness.Simulator.TotalRequestsAsync());
    }
}
