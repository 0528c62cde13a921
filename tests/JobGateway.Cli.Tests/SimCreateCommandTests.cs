using System.Text.Json;
using JobGateway.Cli.Tests.Infrastructure;

namespace JobGateway.Cli.Tests;

public sealed class SimCreateCommandTests(DemoSetup demo)
{
    [Fact]
    public async Task SimCreate_PrintsJustTheNewJobsId()
    {
        var result = await CliRunner.RunAsync("sim", "create", "--simulator", demo.SimulatorAddress);

        Assert.True(result.ExitCode == 0, result.ToString());
        var id = Assert.Single(result.OutputLines);
        Assert.True(Guid.TryParseExact(id, "D", out _), $"not a UUID: '{id}'");
        Assert.Equal($"{id}\n", result.Output.ReplaceLineEndings("\n"));
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task SimCreate_ThenGet_TheGatewaySeesTheJobWithThePresetsLifecycle()
    {
        var created = await CliRunner.RunAsync("sim", "create", "--preset", "manual", "--simulator", demo.SimulatorAddress);

        var result = await CliRunner.RunAsync("get", created.Output.Trim(), "--address", demo.Gateway.Address, "--token", SimulatorControl.DemoToken);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("state       QUEUED (upstream status: queued)", result.OutputLines);
    }

    [Fact]
    public async Task SimCreate_Json_PrintsTheWholeJob()
    {
        var result = await CliRunner.RunAsync("sim", "create", "--json", "--preset", "manual", "--simulator", demo.SimulatorAddress);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var job = JsonDocument.Parse(Assert.Single(result.OutputLines));
        Assert.True(Guid.TryParse(job.RootElement.GetProperty("job_id").GetString(), out _));
        Assert.Equal("queued", job.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SimCreate_SimulatorFromEnvironment_IsUsed()
    {
        var environment = new Dictionary<string, string> { ["JOBGW_SIMULATOR"] = demo.SimulatorAddress };

        var result = await CliRunner.RunAsync(environment, "sim", "create");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Guid.TryParse(result.Output.Trim(), out _), result.ToString());
    }

    [Fact]
    public async Task SimCreate_UnknownToken_SaysWhichTokensWork()
    {
        var result = await CliRunner.RunAsync("sim", "create", "--token", "nope", "--simulator", demo.SimulatorAddress);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Output);
        Assert.EndsWith("use --token demo-token or --token other-token", result.Error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimCreate_NothingListening_SaysHowToStartTheSimulator()
    {
        var address = $"http://127.0.0.1:{TestGateway.FreePort()}";

        var result = await CliRunner.RunAsync("sim", "create", "--simulator", address);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith(
            $"jobgw: cannot reach the simulator at {address}: start the gateway with --Upstream:Simulate=true, or pass --simulator",
            result.Error,
            StringComparison.Ordinal);
    }
}
