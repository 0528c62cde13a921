using System.Net;
using JobGateway.Simulator.Tests.Support;

namespace JobGateway.Simulator.Tests.Api;

public sealed class AuthenticationTests
{
    [Theory]
    [InlineData(null, "Missing Authorization header")]
    [InlineData("Basic ZGVtbzpkZW1v", "Malformed Authorization header")]
    [InlineData("Bearer", "Malformed Authorization header")]
    [InlineData("Bearer not-a-token", "Invalid API token")]
    public async Task GetJob_WithoutValidToken_Answers401(string? authorization, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"jobs/{id}");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await sim.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutToken_Answers401AndCreatesNothing()
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await sim.CreateAsync(client: sim.Anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Empty(sim.Engine.ListJobs("demo").Items);
    }

    [Fact]
    public async Task GetJob_TokenOfAnotherWorkspace_Answers404ExactlyAsForAMissingJob()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        var foreign = await sim.GetJobAsync(id, sim.Other);
        var missing = await sim.GetJobAsync(Guid.NewGuid().ToString(), sim.Other);

        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal("Job not found", foreign.Error);
        Assert.Equal(missing.Status, foreign.Status);
        Assert.Equal(missing.Body.GetRawText(), foreign.Body.GetRawText());
    }

    [Fact]
    public async Task CancelJob_TokenOfAnotherWorkspace_Answers404AndLeavesTheJobRunning()
    {
        await using var sim = await TestSimulator.StartAsync();
        var id = await sim.CreateJobAsync();

        var foreign = await sim.CancelJobAsync(id, sim.Other);
        var own = await sim.GetJobAsync(id);

        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal("Job not found", foreign.Error);
        Assert.Equal("queued", own.JobStatus);
    }

    [Fact]
    public async Task GetJob_AnotherTokenOfTheSameWorkspace_SeesTheJob()
    {
        await using var sim = await TestSimulator.StartAsync(configure: options => options.Workspaces["demo-token-2"] = "demo");
        var id = await sim.CreateJobAsync();

        var reply = await sim.GetJobAsync(id, sim.CreateClient("demo-token-2"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(id, reply.Body.GetProperty("job_id").GetString());
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("1234")]
    [InlineData("{00000000-0000-0000-0000-000000000000}")]
    public async Task GetJob_MalformedId_Answers400(string id)
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await sim.GetJobAsync(Uri.EscapeDataString(id));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("is not a UUID", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJob_UnknownUuid_Answers404()
    {
        await using var sim = await TestSimulator.StartAsync();

        var reply = await sim.GetJobAsync(Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("Job not found", reply.Error);
    }
}
