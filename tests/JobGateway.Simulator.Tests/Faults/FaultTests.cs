using System.Net;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Faults;

public sealed class FaultTests
{
    [Fact]
    public async Task GetJob_429FaultWithRetryAfter_AnswersRetryAfterHeaderThenRecovers()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"status": 429, "retry_after_seconds": 2, "count": 1}""");

        var faulted = await sim.GetJobAsync(id);
        var recovered = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.TooManyRequests, faulted.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), faulted.Response.Headers.RetryAfter?.Delta);
        Assert.Contains("retry after 2 s", faulted.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, recovered.Status);
    }

    [Fact]
    public async Task GetJob_429FaultWithoutRetryAfter_AnswersNoRetryAfterHeader()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"status": 429, "count": 1, "error": "Concurrency limit reached"}""");

        var faulted = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.TooManyRequests, faulted.Status);
        Assert.Null(faulted.Response.Headers.RetryAfter);
        Assert.Equal("Concurrency limit reached", faulted.Error);
    }

    [Fact]
    public async Task GetJob_500FaultWithCount3_FailsThreeTimesThenServesTheJob()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"status": 500, "count": 3}""");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await sim.GetJobAsync(id)).Status);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task GetJob_PerJobFault_HitsOnlyThatJob()
    {
        await using var sim = await TestSimulator.StartAsync();
        var faultedId = await sim.CreateJobAsync();
        var healthyId = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, $"jobs/{faultedId}/faults", """{"status": 503}""");

        var faultedGet = await sim.GetJobAsync(faultedId);
        var faultedDelete = await sim.CancelJobAsync(faultedId);
        var healthy = await sim.GetJobAsync(healthyId);
        var list = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, "jobs");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faultedGet.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faultedDelete.Status);
        Assert.Equal(HttpStatusCode.OK, healthy.Status);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("queued", sim.Engine.GetJob(Guid.Parse(faultedId))!.Status);
    }

    [Fact]
    public async Task Fault_GlobalFault_HitsEveryKreaRouteButNotTheControlApi()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"status": 502}""");

        var create = await sim.CreateAsync();
        var get = await sim.GetJobAsync(id);
        var cancel = await sim.CancelJobAsync(id);
        var list = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, "jobs");
        var control = await sim.ControlAsync(HttpMethod.Get, $"jobs/{id}");

        Assert.All([create, get, cancel, list], reply => Assert.Equal(HttpStatusCode.BadGateway, reply.Status));
        Assert.Equal(HttpStatusCode.OK, control.Status);
    }

    [Fact]
    public async Task Fault_PerJobAndGlobal_JobFaultWinsForItsJob()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        var otherId = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"status": 500}""");
        await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/faults", """{"status": 429}""");

        var own = await sim.GetJobAsync(id);
        var other = await sim.GetJobAsync(otherId);

        Assert.Equal(HttpStatusCode.TooManyRequests, own.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, other.Status);
    }

    [Fact]
    public async Task Fault_Cleared_RequestsSucceedAgain()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"status": 500}""");
        await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/faults", """{"status": 503}""");

        var globalCleared = await sim.ControlAsync(HttpMethod.Delete, "faults");
        var stillJobFaulted = await sim.GetJobAsync(id);
        var jobCleared = await sim.ControlAsync(HttpMethod.Delete, $"jobs/{id}/faults");
        var healthy = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, globalCleared.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stillJobFaulted.Status);
        Assert.Equal(HttpStatusCode.NoContent, jobCleared.Status);
        Assert.Equal(HttpStatusCode.OK, healthy.Status);
    }

    [Fact]
    public async Task Fault_RateWithSeed_FaultsAboutThatShareInTheSameOrderOnEveryRun()
    {
        var first = await FaultPatternAsync(seed: 42);
        var second = await FaultPatternAsync(seed: 42);

        Assert.Equal(first, second);
        Assert.InRange(first.Count(faulted => faulted), 35, 85);
    }

    [Fact]
    public async Task GetJob_DropFault_ClosesTheConnectionWithoutAResponse()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"drop": true, "count": 1}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.GetJobAsync(id));
        var next = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task GetJob_DropFaultOverHttp2_ResetsTheRequest()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        var http2 = sim.CreateClient("demo-token", HttpVersion.Version20);
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"drop": true, "count": 1}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => sim.GetJobAsync(id, http2));
        var next = await sim.GetJobAsync(id, http2);

        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task GetJob_LatencyFault_AnswersOnlyAfterTheFakeClockPassesTheLatency()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"latency_ms": 150, "count": 1}""");

        var pending = sim.GetJobAsync(id);
        while (sim.Engine.GetJobCounters(Guid.Parse(id)).Get == 0)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await Task.Delay(200, TestContext.Current.CancellationToken);
        var answeredWithoutTimePassing = pending.IsCompleted;
        var advanced = TimeSpan.Zero;
        while (!pending.IsCompleted)
        {
            sim.Time.Advance(TimeSpan.FromMilliseconds(10));
            advanced += TimeSpan.FromMilliseconds(10);
            await Task.WhenAny(pending, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        Assert.False(answeredWithoutTimePassing);
        Assert.True(advanced >= TimeSpan.FromMilliseconds(150), $"answered after {advanced}");
        Assert.Equal(HttpStatusCode.OK, (await pending).Status);
    }

    [Fact]
    public async Task GetJob_LatencyAndStatusFault_AnswersTheStatusAfterTheLatency()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"latency_ms": 1000, "status": 504, "count": 1}""");

        var pending = sim.GetJobAsync(id);
        while (!pending.IsCompleted)
        {
            sim.Time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(pending, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        Assert.Equal(HttpStatusCode.GatewayTimeout, (await pending).Status);
    }

    [Theory]
    [InlineData("""{}""", "needs status, drop or latency_ms")]
    [InlineData("""{"status": 200}""", "not an error status")]
    [InlineData("""{"status": "500"}""", "status must be an integer")]
    [InlineData("""{"status": 500, "drop": true}""", "status and drop exclude each other")]
    [InlineData("""{"status": 500, "count": 2, "rate": 0.5}""", "count and rate exclude each other")]
    [InlineData("""{"status": 500, "rate": 1.5}""", "rate 1.5 must be greater than 0 and at most 1")]
    [InlineData("""{"status": 500, "count": 0}""", "count 0 must be at least 1")]
    [InlineData("""{"drop": true, "retry_after_seconds": 2}""", "retry_after_seconds needs a status")]
    [InlineData("""{"status": 500, "sometimes": true}""", "sometimes is not a known field")]
    [InlineData("""{"status": 500""", "not valid JSON")]
    public async Task SetFault_InvalidFault_Answers400AndInstallsNothing(string body, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        var reply = await sim.ControlAsync(HttpMethod.Put, "faults", body);
        var get = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expected, reply.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, get.Status);
    }

    [Fact]
    public async Task SetFault_MalformedJobId_Answers400()
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await sim.ControlAsync(HttpMethod.Put, "jobs/abc/faults", """{"status": 500}""");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }

    private static async Task<List<bool>> FaultPatternAsync(int seed)
    {
        await using var sim = await TestSimulator.StartAsync(seed);
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"status": 503, "rate": 0.3}""");
        var pattern = new List<bool>();
        for (var i = 0; i < 200; i++)
        {
            pattern.Add((await sim.GetJobAsync(id)).Status == HttpStatusCode.ServiceUnavailable);
        }

        return pattern;
    }
}
