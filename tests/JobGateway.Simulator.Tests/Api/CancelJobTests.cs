using System.Net;
using System.Text.Json;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Api;

public sealed class CancelJobTests
{
    [Fact]
    public async Task CancelJob_WhileQueued_AnswersCancelledJobThatStaysCancelled()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        sim.At(1);

        var cancelled = await sim.CancelJobAsync(id);
        sim.At(60);
        var later = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("cancelled", cancelled.JobStatus);
        Assert.Equal("2025-01-01T00:00:01Z", cancelled.CompletedAt);
        Assert.Equal(JsonValueKind.Null, cancelled.Body.GetProperty("result").ValueKind);
        Assert.Equal("cancelled", later.JobStatus);
        Assert.Equal("2025-01-01T00:00:01Z", later.CompletedAt);
    }

    [Fact]
    public async Task CancelJob_WhileProcessing_AnswersCancelledWithCompletedAtNow()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        sim.At(2.5);

        var cancelled = await sim.CancelJobAsync(id);

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("cancelled", cancelled.JobStatus);
        Assert.Equal("2025-01-01T00:00:02.5Z", cancelled.CompletedAt);
    }

    [Theory]
    [InlineData("backlogged")]
    [InlineData("scheduled")]
    [InlineData("sampling")]
    [InlineData("intermediate-complete")]
    [InlineData("warming-up")]
    public async Task CancelJob_InOtherPendingStatus_Answers409AndChangesNothing(string status)
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync($$"""{"steps": [{"status": "{{status}}", "seconds": null}]}""");

        var refused = await sim.CancelJobAsync(id);
        var after = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal($"Job {id} cannot be cancelled in status '{status}'", refused.Error);
        Assert.Equal(status, after.JobStatus);
        Assert.Null(after.CompletedAt);
    }

    [Theory]
    [InlineData("fast", 1, "completed")]
    [InlineData("failed", 5, "failed")]
    public async Task CancelJob_InTerminalStatus_Answers409(string preset, double seconds, string status)
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync($$"""{"preset": "{{preset}}"}""");
        sim.At(seconds);

        var refused = await sim.CancelJobAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal($"Job {id} cannot be cancelled in status '{status}'", refused.Error);
    }

    [Fact]
    public async Task CancelJob_AlreadyCancelled_Answers409()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        await sim.CancelJobAsync(id);

        var again = await sim.CancelJobAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal($"Job {id} cannot be cancelled in status 'cancelled'", again.Error);
    }

    [Fact]
    public async Task CancelJob_UnknownJob_Answers404()
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await sim.CancelJobAsync(Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("Job not found", reply.Error);
    }
}
