using JobGateway.Cli.Tests.Infrastructure;

namespace JobGateway.Cli.Tests;

/// <summary>Mistakes on the command line exit with 2 and say what was wrong; help shows examples. No server needed.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("get")]
    [InlineData("cancel")]
    [InlineData("watch")]
    [InlineData("sim", "create")]
    public async Task Help_EveryCommand_ShowsUsageAndExamples(params string[] command)
    {
        var result = await CliRunner.RunAsync([.. command, "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Output, StringComparison.Ordinal);
        Assert.Contains($"  jobgw {string.Join(' ', command)} ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Root_ListsTheCommands()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var command in new[] { "get", "cancel", "watch", "sim" })
        {
            Assert.Contains(result.OutputLines, line => line.StartsWith(command + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task NoCommand_Exits2()
    {
        var result = await CliRunner.RunAsync();

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public async Task Get_MissingJobId_Exits2()
    {
        var result = await CliRunner.RunAsync("get");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Required argument missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BadTimeout_Exits2AndShowsAnExample()
    {
        var result = await CliRunner.RunAsync("get", Guid.NewGuid().ToString(), "--timeout", "soon");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--timeout: 'soon' is not a duration; use e.g. 30s", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AddressNotAUrl_Exits2()
    {
        var result = await CliRunner.RunAsync("get", Guid.NewGuid().ToString(), "--address", "localhost:8080");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("jobgw: --address 'localhost:8080' is not an http:// or https:// URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimCreate_UnknownPreset_Exits2AndListsThePresets()
    {
        var result = await CliRunner.RunAsync("sim", "create", "--preset", "slow");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'manual'", result.Error, StringComparison.Ordinal);
    }
}
