using Google.Protobuf;
using JobGateway.Cli.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Cli.Tests;

public sealed class CancelCommandTests(DemoSetup demo)
{
    [Fact]
    public async Task Cancel_QueuedJob_PrintsTheCancelledJob()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");

        var result = await CliRunner.RunAsync("cancel", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"job         {id}", result.OutputLines);
        Assert.Contains("state       CANCELLED (upstream status: cancelled)", result.OutputLines);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Cancel_Json_PrintsTheCancelledJobAsProtobufJson()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");

        var result = await CliRunner.RunAsync("cancel", id, "--json", "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        var job = JsonParser.Default.Parse<Job>(Assert.Single(result.OutputLines));
        Assert.Equal(JobState.Cancelled, job.State);
    }

    [Fact]
    public async Task Cancel_CompletedJob_ShowsTheGatewaysReasonAndExits1()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        await demo.Simulator.SetStatusAsync(id, "completed");

        var result = await CliRunner.RunAsync("cancel", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("jobgw: ", line, StringComparison.Ordinal);
        Assert.Contains("cannot be cancelled", line, StringComparison.Ordinal);
        Assert.Contains("completed", line, StringComparison.Ordinal);
    }
}
