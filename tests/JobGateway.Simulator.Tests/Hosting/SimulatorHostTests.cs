using System.Net;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Hosting;

public sealed class SimulatorHostTests
{
    [Fact]
    public async Task StartAsync_PortZero_BaseAddressHasTheBoundLoopbackPort()
    {
        await using var sim = await TestSimulator.StartAsync();

        Assert.Equal("127.0.0.1", sim.Host.BaseAddress.Host);
        Assert.NotEqual(0, sim.Host.BaseAddress.Port);
        Assert.Equal("/", sim.Host.BaseAddress.AbsolutePath);
    }

    [Fact]
    public async Task SameEndpoint_Http11AndH2cPriorKnowledge_BothServeTheApi()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        var http11 = sim.CreateClient("demo-token", HttpVersion.Version11);
        var http2 = sim.CreateClient("demo-token", HttpVersion.Version20);

        var overHttp11 = await sim.GetJobAsync(id, http11);
        var overHttp2 = await sim.GetJobAsync(id, http2);

        Assert.Equal(HttpStatusCode.OK, overHttp11.Status);
        Assert.Equal(HttpVersion.Version11, overHttp11.Response.Version);
        Assert.Equal(HttpStatusCode.OK, overHttp2.Status);
        Assert.Equal(HttpVersion.Version20, overHttp2.Response.Version);
        Assert.Equal(overHttp11.Body.GetRawText(), overHttp2.Body.GetRawText());
    }

    [Fact]
    public async Task UnknownRoute_AnyRequest_Answers404InKreaErrorShape()
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, "v2/images");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Contains("No route for GET /v2/images", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopAsync_RequestHeldByLatencyFault_StopsPromptlyAndAbortsTheRequest()
    {
        var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"latency_ms": 60000}""");
        var pending = sim.GetJobAsync(id);
        while (sim.Engine.GetJobCounters(Guid.Parse(id)).Get == 0)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await sim.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(4), $"stopping took {stopwatch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    [Theory]
    [InlineData("https://127.0.0.1:0")]
    [InlineData("not a url")]
    [InlineData("")]
    public async Task StartAsync_UnusableUrls_ThrowsArgumentExceptionNamingTheSetting(string urls)
    {
        var options = new SimulatorOptions { Urls = urls };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => SimulatorHost.StartAsync(options, TestContext.Current.CancellationToken));

        Assert.Contains("Simulator:Urls", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TwoHosts_KeepSeparateJobs()
    {
        await using var first = await TestSimulator.StartAsync();
        await using var second = await TestSimulator.StartAsync();
        var id = await first.CreateJobAsync();

        var reply = await second.GetJobAsync(id);

        Assert.NotEqual(first.Host.BaseAddress, second.Host.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }
}
