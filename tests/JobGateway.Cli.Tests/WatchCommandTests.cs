using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using JobGateway.Cli.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Cli.Tests;

public sealed class WatchCommandTests(DemoSetup demo)
{
    [Fact]
    public async Task Watch_JobCompletes_PrintsOneLinePerChangeThenResultsAndExits0()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        var watch = StartWatch(demo.Gateway, id);
        await watch.Output.WaitForAsync("QUEUED");

        await demo.Simulator.SetStatusAsync(id, "processing");
        await watch.Output.WaitForAsync("PROCESSING");
        await demo.Simulator.SetStatusAsync(id, "completed", new JsonObject { ["urls"] = new JsonArray("https://cdn.test/done.png") });
        var result = await watch.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.OutputLines;
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^\d\d:\d\d:\d\d  rev \d+  QUEUED +queued$", lines[0]);
        Assert.Matches(@"^\d\d:\d\d:\d\d  rev \d+  PROCESSING +processing$", lines[1]);
        Assert.Matches(@"^\d\d:\d\d:\d\d  rev \d+  COMPLETED +completed$", lines[2]);
        Assert.Equal("results     https://cdn.test/done.png", lines[3]);
        Assert.True(Revision(lines[0]) < Revision(lines[1]) && Revision(lines[1]) < Revision(lines[2]), result.ToString());
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Watch_JobFails_ShowsTheErrorAndExits3()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        var watch = StartWatch(demo.Gateway, id);
        await watch.Output.WaitForAsync("QUEUED");

        await demo.Simulator.SetStatusAsync(id, "failed", new JsonObject { ["error"] = "the model ran out of memory" });
        var result = await watch.WaitAsync();

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Matches(@"^\d\d:\d\d:\d\d  rev \d+  FAILED +failed$", ChangeLines(result)[^1]);
        Assert.Equal("error       the model ran out of memory", result.OutputLines[^1]);
    }

    [Fact]
    public async Task Watch_JobCancelledByAnotherCommand_Exits4()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        var watch = StartWatch(demo.Gateway, id);
        await watch.Output.WaitForAsync("QUEUED");

        var cancel = await CliRunner.RunAsync("cancel", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);
        var result = await watch.WaitAsync();

        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Matches(@"^\d\d:\d\d:\d\d  rev \d+  CANCELLED +cancelled$", ChangeLines(result)[^1]);
    }

    [Fact]
    public async Task Watch_Json_PrintsOneProtobufJsonJobPerLine()
    {
        var id = await demo.Simulator.CreateJobAsync("fast");

        var result = await CliRunner.RunAsync("watch", id, "--json", "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        var jobs = result.OutputLines.Select(JsonParser.Default.Parse<Job>).ToList();
        Assert.NotEmpty(jobs);
        Assert.All(jobs, job => Assert.Equal(id, job.JobId));
        Assert.Equal(JobState.Completed, jobs[^1].State);
        Assert.NotEmpty(jobs[^1].Result.Urls);
        Assert.Equal(jobs.Select(job => job.Revision).Order(), jobs.Select(job => job.Revision));
        Assert.Equal(jobs.Count, jobs.Select(job => job.Revision).Distinct().Count());
    }

    [Fact]
    public async Task Watch_AfterRevision_ShowsOnlyLaterRevisions()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        await demo.Simulator.SetStatusAsync(id, "completed");
        var get = await CliRunner.RunAsync("get", id, "--json", "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);
        var revision = JsonParser.Default.Parse<Job>(get.Output).Revision;

        var result = await CliRunner.RunAsync(
            "watch", id, "--after-revision", (revision - 1).ToString(CultureInfo.InvariantCulture),
            "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(ChangeLines(result));
        Assert.Equal(revision, Revision(line));
    }

    [Fact]
    public async Task Watch_CtrlC_StopsWith130AndNamesTheRevisionToResumeWith()
    {
        var id = await demo.Simulator.CreateJobAsync("manual");
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var watch = CliRunner.Start(ctrlC.Token, "watch", id, "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);
        await watch.Output.WaitForAsync("QUEUED");

        await ctrlC.CancelAsync();
        var result = await watch.WaitAsync();

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal(
            $"jobgw: stopped; resume with: jobgw watch {id} --after-revision {Revision(result.OutputLines[0])}",
            result.Error.TrimEnd());
    }

    [Fact]
    public async Task Watch_GatewayGoesAway_NamesTheRevisionToResumeWithAndExits1()
    {
        await using var gateway = await TestGateway.StartAsync(demo.SimulatorHost.BaseAddress);
        var id = await demo.Simulator.CreateJobAsync("manual");
        var watch = StartWatch(gateway, id);
        await watch.Output.WaitForAsync("QUEUED");

        await gateway.StopAsync();
        var result = await watch.WaitAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith($"resume with: jobgw watch {id} --after-revision {Revision(result.OutputLines[0])}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_ReconnectAndGatewayRestarts_ResumesAndFollowsTheJobToTheEnd()
    {
        var first = await TestGateway.StartAsync(demo.SimulatorHost.BaseAddress);
        var id = await demo.Simulator.CreateJobAsync("manual");
        var watch = CliRunner.Start(
            TestContext.Current.CancellationToken,
            "watch", id, "--reconnect", "--address", first.Address, "--token", SimulatorControl.DemoToken);
        await watch.Output.WaitForAsync("QUEUED");

        await first.DisposeAsync();
        await watch.Error.WaitForAsync("reconnecting");
        await using var second = await TestGateway.StartAsync(demo.SimulatorHost.BaseAddress, first.GrpcPort);
        await demo.Simulator.SetStatusAsync(id, "completed");
        var result = await watch.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^\d\d:\d\d:\d\d  rev \d+  COMPLETED +completed$", ChangeLines(result)[^1]);
        Assert.Contains($"after revision {Revision(result.OutputLines[0])}", result.Error, StringComparison.Ordinal);
    }

    private static RunningCli StartWatch(TestGateway gateway, string id) =>
        CliRunner.Start(TestContext.Current.CancellationToken, "watch", id, "--address", gateway.Address, "--token", SimulatorControl.DemoToken);

    private static string[] ChangeLines(CliResult result) =>
        [.. result.OutputLines.Where(line => line.Contains(" rev ", StringComparison.Ordinal))];

    /// <summary>The revision of a watch line such as "12:00:03  rev 7  QUEUED  queued".</summary>
    private static ulong Revision(string line) =>
        ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture);
}
