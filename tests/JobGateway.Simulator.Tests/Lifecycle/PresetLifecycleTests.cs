using System.Net;
using System.Text.Json;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Lifecycle;

public sealed class PresetLifecycleTests
{
    [Fact]
    public async Task Create_NoSimulation_AnswersQueuedJobInKreaShape()
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await sim.CreateAsync();

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var job = reply.Body;
        Assert.True(Guid.TryParseExact(job.GetProperty("job_id").GetString(), "D", out _));
        Assert.Equal("queued", job.GetProperty("status").GetString());
        Assert.Equal("2025-01-01T00:00:00Z", job.GetProperty("created_at").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("completed_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("result").ValueKind);
        Assert.Equal(["job_id", "status", "created_at", "completed_at", "result"], job.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task GetJob_DefaultPresetAsTimeAdvances_PassesQueuedProcessingSamplingThenCompletes()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "default"}""");

        var statuses = await sim.StatusesAtAsync(id, 0, 1.999, 2, 3.999, 4, 5.999);
        sim.At(6);
        var completed = await sim.GetJobAsync(id);

        Assert.Equal(["queued", "queued", "processing", "processing", "sampling", "sampling"], statuses);
        Assert.Equal("completed", completed.JobStatus);
        Assert.Equal("2025-01-01T00:00:06Z", completed.CompletedAt);
        var urls = completed.Body.GetProperty("result").GetProperty("urls").EnumerateArray().Select(u => u.GetString()).ToList();
        Assert.InRange(urls.Count, 1, 4);
        Assert.Equal(Enumerable.Range(0, urls.Count).Select(i => $"https://sim.invalid/results/{id}/{i}.png"), urls);
    }

    [Fact]
    public async Task GetJob_LongAfterCompletion_StaysCompletedWithTheSameCompletedAt()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        sim.At(6);
        var first = await sim.GetJobAsync(id);

        sim.At(3600);
        var later = await sim.GetJobAsync(id);

        Assert.Equal("completed", later.JobStatus);
        Assert.Equal(first.CompletedAt, later.CompletedAt);
        Assert.Equal(first.Body.GetProperty("result").GetRawText(), later.Body.GetProperty("result").GetRawText());
    }

    [Fact]
    public async Task GetJob_FastPreset_ChangesEveryTwoTenthsOfASecond()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "fast"}""");

        var statuses = await sim.StatusesAtAsync(id, 0.199, 0.2, 0.4, 0.6);
        var completed = await sim.GetJobAsync(id);

        Assert.Equal(["queued", "processing", "sampling", "completed"], statuses);
        Assert.Equal("2025-01-01T00:00:00.6Z", completed.CompletedAt);
    }

    [Fact]
    public async Task GetJob_FailedPreset_EndsFailedWithSimulatedFailureError()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "failed"}""");

        var statuses = await sim.StatusesAtAsync(id, 0, 2, 3.999);
        sim.At(4);
        var failed = await sim.GetJobAsync(id);

        Assert.Equal(["queued", "processing", "processing"], statuses);
        Assert.Equal("failed", failed.JobStatus);
        Assert.Equal("2025-01-01T00:00:04Z", failed.CompletedAt);
        var result = failed.Body.GetProperty("result");
        Assert.Equal("Simulated failure", result.GetProperty("error").GetString());
        Assert.Equal(0, result.GetProperty("urls").GetArrayLength());
    }

    [Fact]
    public async Task GetJob_UndocumentedPreset_PassesThroughWarmingUp()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "undocumented"}""");

        var statuses = await sim.StatusesAtAsync(id, 0, 2, 4, 6);

        Assert.Equal(["queued", "warming-up", "processing", "completed"], statuses);
    }

    [Fact]
    public async Task Advance_ManualPreset_MovesOneStepPerCallAndNeverByTime()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "manual"}""");
        sim.At(86_400);
        var stillQueued = await sim.GetJobAsync(id);

        var advanced = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sim.At(86_400 + i + 1);
            advanced.Add((await sim.ControlAsync(HttpMethod.Post, $"jobs/{id}/advance")).JobStatus);
        }

        sim.At(100_000);
        var final = await sim.GetJobAsync(id);

        Assert.Equal("queued", stillQueued.JobStatus);
        Assert.Equal(["processing", "sampling", "completed"], advanced);
        Assert.Equal("completed", final.JobStatus);
        Assert.Equal(TestSimulator.Iso(86_403), final.CompletedAt);
    }

    [Fact]
    public async Task Advance_TimedStep_SkipsTheRestOfTheStepAndTheNextStepKeepsItsFullDuration()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        sim.At(0.5);

        var advanced = await sim.ControlAsync(HttpMethod.Post, $"jobs/{id}/advance");
        var statuses = await sim.StatusesAtAsync(id, 2.499, 2.5);

        Assert.Equal("processing", advanced.JobStatus);
        Assert.Equal(["processing", "sampling"], statuses);
    }
}
