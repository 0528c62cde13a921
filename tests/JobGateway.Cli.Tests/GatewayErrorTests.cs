using System.Text.Json.Nodes;
using JobGateway.Cli.Tests.Infrastructure;

namespace JobGateway.Cli.Tests;

/// <summary>Every gRPC status a user can meet becomes one line on stderr that says what to do, and exit code 1.</summary>
public sealed class GatewayErrorTests(DemoSetup demo)
{
    [Fact]
    public async Task Get_UnknownJob_SaysNotFoundOrNotVisible()
    {
        var id = Guid.NewGuid().ToString();

        var result = await CliRunner.RunAsync("get", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        AssertOneErrorLine(result, $"jobgw: job {id} not found, or not visible to this token");
    }

    [Fact]
    public async Task Get_JobOfAnotherWorkspace_SaysNotFoundOrNotVisible()
    {
        var id = await demo.Simulator.CreateJobAsync("manual", SimulatorControl.DemoToken);

        var result = await CliRunner.RunAsync("get", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.OtherToken);

        AssertOneErrorLine(result, $"jobgw: job {id} not found, or not visible to this token");
    }

    [Fact]
    public async Task Get_WithoutToken_SaysHowToPassOne()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");

        var result = await CliRunner.RunAsync("get", id, "--address", demo.Gateway.Address);

        AssertOneErrorLine(result, "jobgw: the gateway needs a token: pass --token or set JOBGW_TOKEN");
    }

    [Fact]
    public async Task Watch_WithoutToken_SaysHowToPassOne()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");

        var result = await CliRunner.RunAsync("watch", id, "--address", demo.Gateway.Address);

        AssertOneErrorLine(result, "jobgw: the gateway needs a token: pass --token or set JOBGW_TOKEN");
    }

    [Fact]
    public async Task Get_RejectedToken_SaysToCheckIt()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");

        var result = await CliRunner.RunAsync("get", id, "--address", demo.Gateway.Address, "--token", "not-a-demo-token");

        var line = AssertOneErrorLine(result);
        Assert.StartsWith("jobgw: the gateway did not accept the token (", line, StringComparison.Ordinal);
        Assert.EndsWith("): check --token or JOBGW_TOKEN", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("cancel")]
    [InlineData("watch")]
    public async Task AnyCommand_NothingListening_SaysTheGatewayCannotBeReached(string command)
    {
        var address = $"http://127.0.0.1:{TestGateway.FreePort()}";

        var result = await CliRunner.RunAsync(command, Guid.NewGuid().ToString(), "--address", address, "--token", SimulatorControl.DemoToken);

        var line = AssertOneErrorLine(result);
        Assert.StartsWith($"jobgw: cannot reach the gateway at {address}: is it running? (", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_MalformedId_ShowsTheGatewaysMessage()
    {
        var result = await CliRunner.RunAsync("get", "not-a-uuid", "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        var line = AssertOneErrorLine(result);
        Assert.Contains("not-a-uuid", line, StringComparison.Ordinal);
        Assert.Contains("UUID", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UpstreamSlowerThanTimeout_SaysNoAnswerWithinTheTimeout()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        await demo.Simulator.SetJobFaultAsync(id, new JsonObject { ["latency_ms"] = 5_000 });

        var result = await CliRunner.RunAsync("get", id, "--timeout", "300ms", "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        AssertOneErrorLine(result, $"jobgw: no answer from the gateway at {demo.Gateway.Address} within 300ms: try again, or allow more with --timeout");
    }

    [Fact]
    public async Task Get_UpstreamRateLimited_SaysToWaitAndRetry()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        await demo.Simulator.SetJobFaultAsync(id, new JsonObject { ["status"] = 429, ["count"] = 100 });

        var result = await CliRunner.RunAsync("get", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        var line = AssertOneErrorLine(result);
        Assert.StartsWith("jobgw: too many requests for now (", line, StringComparison.Ordinal);
        Assert.EndsWith("): wait a little and try again", line, StringComparison.Ordinal);
    }

    private static string AssertOneErrorLine(CliResult result, string? expected = null)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        if (expected is not null)
        {
            Assert.Equal(expected, line);
        }

        return line;
    }
}
