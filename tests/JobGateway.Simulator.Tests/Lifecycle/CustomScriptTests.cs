using System.Net;
using System.Text.Json;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Lifecycle;

public sealed class CustomScriptTests
{
    [Fact]
    public async Task GetJob_CustomStepsWithUndocumentedStatus_FollowsTheStepsInOrder()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""
            {"steps": [
                {"status": "backlogged", "seconds": 1},
                {"status": "scheduled", "seconds": 0.5},
                {"status": "gpu-warming", "seconds": 1.5},
                {"status": "processing", "seconds": 1}],
             "outcome": "completed"}
            """);

        var statuses = await sim.StatusesAtAsync(id, 0, 1, 1.5, 3, 3.999, 4);

        Assert.Equal(["backlogged", "scheduled", "gpu-warming", "processing", "processing", "completed"], statuses);
    }

    [Fact]
    public async Task GetJob_IntermediateCompleteStep_CarriesResultWithIntermediateUrlsAndNoCompletedAt()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""
            {"steps": [{"status": "processing", "seconds": 1}, {"status": "intermediate-complete", "seconds": 1}],
             "intermediate_urls": ["https://cdn.test/preview.png"],
             "urls": ["https://cdn.test/final.png"]}
            """);

        sim.At(1);
        var intermediate = await sim.GetJobAsync(id);
        sim.At(2);
        var completed = await sim.GetJobAsync(id);

        Assert.Equal("intermediate-complete", intermediate.JobStatus);
        Assert.Null(intermediate.CompletedAt);
        Assert.Equal("https://cdn.test/preview.png", intermediate.Body.GetProperty("result").GetProperty("urls")[0].GetString());
        Assert.Equal("https://cdn.test/final.png", completed.Body.GetProperty("result").GetProperty("urls")[0].GetString());
    }

    [Fact]
    public async Task GetJob_IntermediateCompleteWithoutUrls_ShowsADefaultIntermediateUrl()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"steps": [{"status": "intermediate-complete", "seconds": null}]}""");

        var job = await sim.GetJobAsync(id);

        Assert.Equal($"https://sim.invalid/results/{id}/intermediate-0.png", job.Body.GetProperty("result").GetProperty("urls")[0].GetString());
    }

    [Fact]
    public async Task GetJob_FailedWithStringError_ShowsThatError()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "fast", "outcome": "failed", "error": "Prompt rejected by moderation"}""");
        sim.At(1);

        var job = await sim.GetJobAsync(id);

        Assert.Equal("failed", job.JobStatus);
        Assert.Equal("Prompt rejected by moderation", job.Body.GetProperty("result").GetProperty("error").GetString());
    }

    [Fact]
    public async Task GetJob_FailedWithObjectError_ShowsTheObjectUnchanged()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"preset": "failed", "error": {"code": "NSFW", "details": [1, 2]}}""");
        sim.At(4);

        var error = (await sim.GetJobAsync(id)).Body.GetProperty("result").GetProperty("error");

        Assert.Equal("NSFW", error.GetProperty("code").GetString());
        Assert.Equal("[1,2]", error.GetProperty("details").GetRawText());
    }

    [Fact]
    public async Task GetJob_ExtraAndResultExtra_AddsTheFieldsAtTopLevelAndInsideResult()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""
            {"preset": "fast", "style_id": "style-7",
             "extra": {"preview_urls": ["https://cdn.test/p0.png"], "progress": 0.5},
             "result_extra": {"seed": 42}}
            """);

        var pending = (await sim.GetJobAsync(id)).Body;
        sim.At(1);
        var completed = (await sim.GetJobAsync(id)).Body;

        Assert.Equal("https://cdn.test/p0.png", pending.GetProperty("preview_urls")[0].GetString());
        Assert.Equal(0.5, pending.GetProperty("progress").GetDouble());
        Assert.Equal("https://cdn.test/p0.png", completed.GetProperty("preview_urls")[0].GetString());
        var result = completed.GetProperty("result");
        Assert.Equal(42, result.GetProperty("seed").GetInt32());
        Assert.Equal("style-7", result.GetProperty("style_id").GetString());
        Assert.False(result.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task GetJob_UndocumentedOutcome_EndsInItWithCompletedAtAndNoResult()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync("""{"steps": [{"status": "queued", "seconds": 1}], "outcome": "expired"}""");
        sim.At(5);

        var job = await sim.GetJobAsync(id);

        Assert.Equal("expired", job.JobStatus);
        Assert.Equal("2025-01-01T00:00:01Z", job.CompletedAt);
        Assert.Equal(JsonValueKind.Null, job.Body.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task GetJob_NoSteps_IsInItsOutcomeAtCreation()
    {
        await using var sim = await TestSimulator.StartAsync();

        var created = await sim.CreateAsync("""{"steps": [], "outcome": "completed", "urls": ["https://cdn.test/a.png"]}""");

        Assert.Equal("completed", created.JobStatus);
        Assert.Equal("2025-01-01T00:00:00Z", created.CompletedAt);
    }

    [Theory]
    [InlineData("not json at all", "not valid JSON")]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("""{"simulation": "fast"}""", "simulation must be a JSON object")]
    [InlineData("""{"simulation": {"preset": "slow"}}""", "simulation.preset 'slow' is unknown")]
    [InlineData("""{"simulation": {"stepz": []}}""", "simulation.stepz is not a known field")]
    [InlineData("""{"simulation": {"steps": [{"seconds": 1}]}}""", "simulation.steps[0].status is missing")]
    [InlineData("""{"simulation": {"steps": [{"status": "queued", "seconds": -1}]}}""", "simulation.steps[0].seconds is -1")]
    [InlineData("""{"simulation": {"steps": [{"status": "queued", "seconds": "2"}]}}""", "simulation.steps[0].seconds must be a number")]
    [InlineData("""{"simulation": {"steps": [{"status": "completed", "seconds": 1}]}}""", "is terminal; put it in simulation.outcome")]
    [InlineData("""{"simulation": {"outcome": "processing"}}""", "simulation.outcome 'processing' is not a final status")]
    [InlineData("""{"simulation": {"urls": ["a", 3]}}""", "simulation.urls[1] must be a string")]
    [InlineData("""{"simulation": {"extra": {"status": "x"}}}""", "simulation.extra may not set 'status'")]
    public async Task Create_InvalidBody_Answers400NamingTheProblem(string body, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await TestSimulator.SendAsync(sim.Demo, HttpMethod.Post, "generate/image/bfl/flux-1-dev", body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(expected, reply.Error, StringComparison.Ordinal);
        Assert.Empty(sim.Engine.ListJobs("demo").Items);
    }
}
