using System.Text.Json.Nodes;
using Google.Protobuf;
using JobGateway.Cli.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Cli.Tests;

public sealed class GetCommandTests(DemoSetup demo)
{
    [Fact]
    public async Task Get_CompletedJob_PrintsStateTimesResultsAndExtraFields()
    {
        var id = await demo.Simulator.CreateJobAsync(new JsonObject { ["preset"] = "manual", ["extra"] = new JsonObject { ["seed"] = 42 } });
        await demo.Simulator.SetStatusAsync(id, "completed", new JsonObject
        {
            ["urls"] = new JsonArray("https://cdn.test/a.png", "https://cdn.test/b.png"),
            ["style_id"] = "style-7",
        });

        var result = await CliRunner.RunAsync("get", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"job         {id}", result.OutputLines);
        Assert.Contains("state       COMPLETED (upstream status: completed)", result.OutputLines);
        Assert.Contains(result.OutputLines, line => line.StartsWith("revision    ", StringComparison.Ordinal) && ulong.Parse(line[12..], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains(result.OutputLines, line => line.StartsWith("created     20", StringComparison.Ordinal) && line.EndsWith('Z'));
        Assert.Contains(result.OutputLines, line => line.StartsWith("completed   20", StringComparison.Ordinal) && line.EndsWith('Z'));
        Assert.Contains("results     https://cdn.test/a.png", result.OutputLines);
        Assert.Contains("https://cdn.test/b.png", result.OutputLines);
        Assert.Contains("style       style-7", result.OutputLines);
        Assert.Contains("extra       seed = 42", result.OutputLines);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Get_PendingJob_ShowsNoCompletionTime()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");

        var result = await CliRunner.RunAsync("get", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("state       QUEUED (upstream status: queued)", result.OutputLines);
        Assert.Contains("completed   -", result.OutputLines);
    }

    [Fact]
    public async Task Get_Json_PrintsTheJobAsOneProtobufJsonObject()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        await demo.Simulator.SetStatusAsync(id, "completed", new JsonObject { ["urls"] = new JsonArray("https://cdn.test/c.png") });

        var result = await CliRunner.RunAsync("get", id, "--json", "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.OutputLines);
        var job = JsonParser.Default.Parse<Job>(line);
        Assert.Equal(id, job.JobId);
        Assert.Equal(JobState.Completed, job.State);
        Assert.Equal("completed", job.UpstreamStatus);
        Assert.Equal(["https://cdn.test/c.png"], job.Result.Urls);
        Assert.Contains("\"state\": \"JOB_STATE_COMPLETED\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AddressAndTokenFromEnvironment_AreUsed()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        var environment = new Dictionary<string, string>
        {
            ["JOBGW_ADDRESS"] = demo.Gateway.Address,
            ["JOBGW_TOKEN"] = SimulatorControl.DemoToken,
        };

        var result = await CliRunner.RunAsync(environment, "get", id);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"job         {id}", result.OutputLines);
    }
}
