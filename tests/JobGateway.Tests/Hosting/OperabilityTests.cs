using System.Net;
using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Tests.Hosting;

public sealed class OperabilityTests
{
    [Fact]
    public async Task Readyz_RedisGoesDownAndComesBack_DegradedThenHealthy()
    {
        await using var server = await RedisFixture.StartDedicatedAsync();
        var settings = new Dictionary<string, string?> { ["Redis:Configuration"] = server.Configuration };
        await using var harness = await GatewayHarness.StartAsync(settings: settings);
        using var http = new HttpClient { BaseAddress = harness.Node.HttpAddress };

        var before = await ReadyAsync(http);
        await server.StopAsync();
        await Eventually.TrueAsync(async () => (await ReadyAsync(http)).Status == "Degraded", "readiness reports degraded while Redis is down");
        var during = await ReadyAsync(http);
        await server.StartAsync();
        await Eventually.TrueAsync(async () => (await ReadyAsync(http)).Status == "Healthy", "readiness recovers when Redis is back");

        Assert.Equal(("Healthy", HttpStatusCode.OK), (before.Status, before.Code));
        Assert.Equal(HttpStatusCode.OK, during.Code); // degraded still serves: each replica polls for itself
        Assert.Contains("Redis is unreachable", during.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Readyz_UpstreamUnreachable_IsNotReadyButLive()
    {
        await using var harness = await GatewayHarness.StartAsync(settings: new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "http://127.0.0.1:9/" });
        using var http = new HttpClient { BaseAddress = harness.Node.HttpAddress };

        var ready = await ReadyAsync(http);
        var live = await http.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Code);
        Assert.Contains("does not answer", ready.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task GrpcHealth_OverallService_IsServing()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var health = new Health.HealthClient(harness.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_ListsTheJobServiceAndDescribesIt()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var reflection = new ServerReflection.ServerReflectionClient(harness.Channel);
        using var call = reflection.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "jobgateway.v1.JobService" }, TestContext.Current.CancellationToken);
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto;
        await call.RequestStream.CompleteAsync();

        Assert.Contains("jobgateway.v1.JobService", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.NotEmpty(files);
    }

    [Fact]
    public async Task Logs_NeverContainTheAuthorizationToken()
    {
        var sink = new CapturingLoggerProvider();
        await using var harness = await GatewayHarness.StartAsync(settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" }, loggerProvider: sink);
        var jobId = await harness.Simulator.CreateJobAsync();
        await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken);
        await harness.Client.CancelJobAsync(new CancelJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth("wrong-secret-token-42"), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        var watch = WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken);
        await watch.EndAsync();

        Assert.NotEmpty(sink.Messages);
        Assert.DoesNotContain(sink.Messages, m => m.Contains(GatewayHarness.DemoToken, StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Messages, m => m.Contains("wrong-secret-token-42", StringComparison.Ordinal));
    }

    private static async Task<(string Status, HttpStatusCode Code, string Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
        return (status, response.StatusCode, body);
    }
}
