using System.Net;
using System.Text.Json;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Control;

public sealed class ControlApiTests
{
    [Fact]
    public async Task SetStatus_UndocumentedStatus_HoldsItWithoutCompletedAt()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        var set = await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/status", """{"status": "upscaling"}""");
        sim.At(3600);
        var later = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal("upscaling", set.JobStatus);
        Assert.Equal("upscaling", later.JobStatus);
        Assert.Null(later.CompletedAt);
    }

    [Fact]
    public async Task SetStatus_CompletedWithoutResult_SetsCompletedAtAndTheScriptsUrls()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"urls": ["https://cdn.test/out.png"]}""");
        sim.At(1);

        var set = await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/status", """{"status": "completed"}""");

        Assert.Equal("completed", set.JobStatus);
        Assert.Equal("2025-01-01T00:00:01Z", set.CompletedAt);
        Assert.Equal("https://cdn.test/out.png", set.Body.GetProperty("result").GetProperty("urls")[0].GetString());
    }

    [Fact]
    public async Task SetStatus_WithResult_ShowsExactlyThatResult()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        var set = await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/status", """
            {"status": "failed", "result": {"urls": [], "error": {"code": 7}, "style_id": "s1", "trace": "abc"}}
            """);
        var job = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.OK, set.Status);
        var result = job.Body.GetProperty("result");
        Assert.Equal(7, result.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("s1", result.GetProperty("style_id").GetString());
        Assert.Equal("abc", result.GetProperty("trace").GetString());
        Assert.NotNull(job.CompletedAt);
    }

    [Fact]
    public async Task SetStatus_WithNullResult_ShowsNoResult()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        var set = await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/status", """{"status": "completed", "result": null}""");

        Assert.Equal("completed", set.JobStatus);
        Assert.Equal(JsonValueKind.Null, set.Body.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Advance_AfterSetStatus_ResumesTheScriptAtTheNextStep()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        sim.At(1);
        await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/status", """{"status": "backlogged"}""");
        sim.At(30);
        var held = await sim.GetJobAsync(id);

        var advanced = await sim.ControlAsync(HttpMethod.Post, $"jobs/{id}/advance");
        var statuses = await sim.StatusesAtAsync(id, 31.999, 32);

        Assert.Equal("backlogged", held.JobStatus);
        Assert.Equal("processing", advanced.JobStatus);
        Assert.Equal(["processing", "sampling"], statuses);
    }

    [Fact]
    public async Task Advance_TerminalJob_Answers409()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.CancelJobAsync(id);

        var reply = await sim.ControlAsync(HttpMethod.Post, $"jobs/{id}/advance");

        Assert.Equal(HttpStatusCode.Conflict, reply.Status);
        Assert.Contains("already in terminal status 'cancelled'", reply.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "advance", null)]
    [InlineData("PUT", "status", """{"status": "processing"}""")]
    [InlineData("GET", "", null)]
    public async Task Control_UnknownJob_Answers404(string method, string action, string? body)
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await sim.ControlAsync(new HttpMethod(method), $"jobs/{Guid.NewGuid()}/{action}".TrimEnd('/'), body);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("Job not found", reply.Error);
    }

    [Theory]
    [InlineData("""{}""", "status is missing")]
    [InlineData("""{"status": 3}""", "status must be a string")]
    [InlineData("""{"status": "completed", "result": []}""", "result must be a JSON object")]
    [InlineData("""{"status": "completed", "extra": 1}""", "extra is not a known field")]
    public async Task SetStatus_InvalidBody_Answers400(string body, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        var reply = await sim.ControlAsync(HttpMethod.Put, $"jobs/{id}/status", body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expected, reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetControlJob_JobOfAnyWorkspace_AnswersTheJob()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = (await sim.CreateAsync(client: sim.Other)).Body.GetProperty("job_id").GetString()!;

        var reply = await sim.ControlAsync(HttpMethod.Get, $"jobs/{id}");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(id, reply.Body.GetProperty("job_id").GetString());
    }

    [Fact]
    public async Task Engine_SetStatusDirectly_IsWhatTheHttpApiShows()
    {
        await using var sim = await TestSimulator.StartAsync();
        var job = sim.Engine.CreateJob("demo", new SimulationSpec { Preset = "manual" });

        sim.Engine.SetStatus(job.JobId, JobStatuses.Sampling);
        var reply = await sim.GetJobAsync(job.JobId.ToString());

        Assert.Equal("sampling", reply.JobStatus);
    }
}
