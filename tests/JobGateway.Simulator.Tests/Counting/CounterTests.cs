using System.Net;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Counting;

public sealed class CounterTests
{
    [Fact]
    public async Task Counters_AfterMixedRequests_CountPerRouteAndPerJob()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        var unknown = Guid.NewGuid().ToString();
        for (var i = 0; i < 3; i++)
        {
            await sim.GetJobAsync(id);
        }

        await sim.CancelJobAsync(id);
        await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, "jobs");
        await sim.GetJobAsync(unknown);
        await sim.GetJobAsync("not-a-uuid");

        var counters = await sim.CountersAsync();

        var routes = counters.GetProperty("routes");
        Assert.Equal(1, routes.GetProperty("POST /generate/image/{vendor}/{model}").GetInt64());
        Assert.Equal(5, routes.GetProperty("GET /jobs/{id}").GetInt64());
        Assert.Equal(1, routes.GetProperty("DELETE /jobs/{id}").GetInt64());
        Assert.Equal(1, routes.GetProperty("GET /jobs").GetInt64());
        Assert.Equal(8, counters.GetProperty("total").GetInt64());
        var jobs = counters.GetProperty("jobs");
        Assert.Equal(3, jobs.GetProperty(id).GetProperty("get").GetInt64());
        Assert.Equal(1, jobs.GetProperty(id).GetProperty("delete").GetInt64());
        Assert.Equal(1, jobs.GetProperty(unknown).GetProperty("get").GetInt64());
        Assert.False(jobs.TryGetProperty("not-a-uuid", out _));
    }

    [Fact]
    public async Task Counters_RejectedAndFaultedRequests_AreCountedOnArrival()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.GetJobAsync(id, sim.Anonymous);
        await sim.GetJobAsync(id, sim.Other);
        await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/faults", """{"status": 500, "count": 1}""");
        await sim.GetJobAsync(id);

        var counts = await sim.ControlAsync(HttpMethod.Get, $"jobs/{id}/counters");

        Assert.Equal(3, counts.Body.GetProperty("get").GetInt64());
        Assert.Equal(0, counts.Body.GetProperty("delete").GetInt64());
    }

    [Fact]
    public async Task Counters_UppercaseJobId_CountsUnderTheCanonicalId()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        var reply = await sim.GetJobAsync(id.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(1, sim.Engine.GetJobCounters(Guid.Parse(id)).Get);
    }

    [Fact]
    public async Task Counters_ControlRequests_AreNotCounted()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.ControlAsync(HttpMethod.Get, $"jobs/{id}");
        await sim.ControlAsync(HttpMethod.Get, "counters");

        var counters = await sim.CountersAsync();

        Assert.Equal(1, counters.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task ResetCounters_AfterRequests_StartsEveryCountFromZero()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.GetJobAsync(id);

        var reset = await sim.ControlAsync(HttpMethod.Delete, "counters");
        var afterReset = await sim.CountersAsync();
        await sim.GetJobAsync(id);
        var afterOneMore = await sim.CountersAsync();

        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal(0, afterReset.GetProperty("total").GetInt64());
        Assert.All(afterReset.GetProperty("routes").EnumerateObject(), route => Assert.Equal(0, route.Value.GetInt64()));
        Assert.Empty(afterReset.GetProperty("jobs").EnumerateObject());
        Assert.Equal(1, afterOneMore.GetProperty("jobs").GetProperty(id).GetProperty("get").GetInt64());
    }

    [Fact]
    public async Task Counters_200ParallelGets_CountsEveryOneExactly()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        var http2 = sim.CreateClient("demo-token", HttpVersion.Version20);

        var replies = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => sim.GetJobAsync(id, i % 2 == 0 ? sim.Demo : http2)));
        var counters = await sim.CountersAsync();

        Assert.All(replies, reply => Assert.Equal(HttpStatusCode.OK, reply.Status));
        Assert.Equal(200, counters.GetProperty("jobs").GetProperty(id).GetProperty("get").GetInt64());
        Assert.Equal(200, counters.GetProperty("routes").GetProperty("GET /jobs/{id}").GetInt64());
    }

    [Fact]
    public async Task GetJobCounters_MalformedId_Answers400()
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await sim.ControlAsync(HttpMethod.Get, "jobs/nope/counters");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
    }
}
