using System.Net;
using System.Text.Json;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Control;

public sealed class TimelineTests
{
    [Fact]
    public async Task Timeline_ScriptedJobReadNowAndThen_GivesEachStepsStartAndFirstAndLastRead()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "default"}""");
        await sim.StatusesAtAsync(id, 0.5, 2.5, 3);
        sim.At(6.75);
        await sim.GetJobAsync(id);

        var timeline = await TimelineAsync(sim, id);

        Assert.Equal(
            [
                ("queued", TestSimulator.Iso(0), TestSimulator.Iso(0.5), TestSimulator.Iso(0.5), 1L),
                ("processing", TestSimulator.Iso(2), TestSimulator.Iso(2.5), TestSimulator.Iso(3), 2L),
                ("sampling", TestSimulator.Iso(4), null, null, 0L),
                ("completed", TestSimulator.Iso(6), TestSimulator.Iso(6.75), TestSimulator.Iso(6.75), 1L),
            ],
            timeline);
    }

    [Fact]
    public async Task Timeline_StatusSetThroughControlApiThenAdvanced_RecordsEachChangeAtItsInstant()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "manual"}""");
        sim.At(1.25);
        await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/status", """{"status": "processing"}""");
        sim.At(3);
        await sim.GetJobAsync(id);
        sim.At(4);
        await sim.ControlAsync(HttpMethod.Post, $"jobs/{id}/advance");

        var timeline = await TimelineAsync(sim, id);

        Assert.Equal(
            [
                ("queued", TestSimulator.Iso(0), null, null, 0L),
                ("processing", TestSimulator.Iso(1.25), TestSimulator.Iso(3), TestSimulator.Iso(3), 1L),
                // The pin held step 0 (queued); advancing resumes the script at step 1, processing again.
                ("processing", TestSimulator.Iso(4), null, null, 0L),
            ],
            timeline);
    }

    [Fact]
    public async Task Timeline_ReadsThatServeNoJob_AreNotCountedAsServed()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        await sim.ControlAsync(HttpMethod.Get, $"jobs/{id}");
        var foreign = await sim.GetJobAsync(id, sim.Other);
        await sim.ControlAsync(HttpMethod.Put, "faults", """{"status": 503, "count": 1}""");
        var faulted = await sim.GetJobAsync(id);
        var timeline = await TimelineAsync(sim, id);

        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.Status);
        Assert.Equal([("queued", TestSimulator.Iso(0), null, null, 0L)], timeline);
    }

    [Fact]
    public async Task Timeline_UnknownOrMalformedId_Answers404Or400()
    {
        await using var sim = await TestSimulator.StartAsync();

        var unknown = await sim.ControlAsync(HttpMethod.Get, $"jobs/{Guid.NewGuid()}/timeline");
        var malformed = await sim.ControlAsync(HttpMethod.Get, "jobs/not-a-uuid/timeline");

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
    }

    [Fact]
    public async Task GetTimeline_ConcurrentReads_CountsEveryServedRead()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => sim.GetJobAsync(id)));
        var entry = Assert.Single(sim.Engine.GetTimeline(Guid.Parse(id))!);

        Assert.Equal(50, entry.Served);
        Assert.Equal(TestSimulator.Start, entry.FirstServedAt);
        Assert.Equal(TestSimulator.Start, entry.LastServedAt);
    }

    private static async Task<List<(string Status, string SetAt, string? FirstServedAt, string? LastServedAt, long Served)>> TimelineAsync(TestSimulator sim, string id)
    {
        var reply = await sim.ControlAsync(HttpMethod.Get, $"jobs/{id}/timeline");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return
        [
            .. reply.Body.EnumerateArray().Select(entry => (
                entry.GetProperty("status").GetString()!,
                entry.GetProperty("set_at").GetString()!,
                Instant(entry.GetProperty("first_served_at")),
                Instant(entry.GetProperty("last_served_at")),
                entry.GetProperty("served").GetInt64())),
        ];
    }

    private static string? Instant(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();
}
