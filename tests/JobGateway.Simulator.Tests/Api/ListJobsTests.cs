using System.Net;
using System.Text.Json;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Api;

public sealed class ListJobsTests
{
    [Fact]
    public async Task ListJobs_NoParameters_AnswersWorkspaceJobsNewestFirst()
    {
        await using var sim = await TestSimulator.StartAsync();
        var ids = await CreateOnePerSecondAsync(sim, 3);
        await sim.CreateAsync(client: sim.Other);

        var reply = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, "jobs");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(ids.AsEnumerable().Reverse(), Ids(reply.Body));
        Assert.Equal(JsonValueKind.Null, reply.Body.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task ListJobs_WithLimitAndCursor_PagesThroughEveryJobOnce()
    {
        await using var sim = await TestSimulator.StartAsync();
        var ids = await CreateOnePerSecondAsync(sim, 5);

        var first = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, "jobs?limit=2");
        var cursor = first.Body.GetProperty("next_cursor").GetString();
        var second = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, $"jobs?limit=2&cursor={cursor}");
        var third = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, $"jobs?limit=2&cursor={second.Body.GetProperty("next_cursor").GetString()}");

        Assert.Equal("2025-01-01T00:00:03Z", cursor);
        Assert.Equal([ids[4], ids[3]], Ids(first.Body));
        Assert.Equal([ids[2], ids[1]], Ids(second.Body));
        Assert.Equal([ids[0]], Ids(third.Body));
        Assert.Equal(JsonValueKind.Null, third.Body.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task ListJobs_WithStatus_AnswersOnlyJobsCurrentlyInThatStatus()
    {
        await using var sim = await TestSimulator.StartAsync();
        var ids = await CreateOnePerSecondAsync(sim, 3);
        await sim.CancelJobAsync(ids[1]);

        var cancelled = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, "jobs?status=cancelled");
        sim.At(2.5);
        var processing = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, "jobs?status=processing");

        Assert.Equal([ids[1]], Ids(cancelled.Body));
        Assert.Equal([ids[0]], Ids(processing.Body));
    }

    [Theory]
    [InlineData("limit=0", "limit must be an integer from 1 to 1000")]
    [InlineData("limit=1001", "limit must be an integer from 1 to 1000")]
    [InlineData("limit=ten", "limit must be an integer from 1 to 1000")]
    [InlineData("cursor=yesterday", "cursor must be an ISO-8601 date-time")]
    public async Task ListJobs_InvalidParameter_Answers400(string query, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Get, $"jobs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expected, reply.Error, StringComparison.Ordinal);
    }

    private static async Task<string[]> CreateOnePerSecondAsync(TestSimulator sim, int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            sim.At(i);
            ids[i] = await sim.CreateJobAsync();
        }

        return ids;
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(job => job.GetProperty("job_id").GetString()!)];
}
