using System.CommandLine;
using JobGateway.Cli.Commands;
using JobGateway.Cli.Help;

namespace JobGateway.Cli;

/// <summary>The <c>jobgw</c> command tree; <c>Program</c> and the tests both run it through here.</summary>
internal static class JobGatewayCli
{
    private static readonly string[] Examples =
    [
        "id=$(jobgw sim create --preset fast)",
        "jobgw watch $id --token demo-token",
        "jobgw get $id --token demo-token --json",
        "export JOBGW_ADDRESS=http://localhost:8080 JOBGW_TOKEN=demo-token; jobgw cancel $id",
    ];

    public static RootCommand Create(CliEnvironment environment)
    {
        var root = new RootCommand("jobgw: get, cancel and watch jobs through JobGateway's gRPC API (jobgateway.v1.JobService)");
        var help = ExamplesHelpAction.Install(root);
        help.Add(root, Examples);

        var gateway = new GatewayOptions();
        root.Subcommands.Add(help.Add(GetCommand.Create(gateway, environment), GetCommand.Examples));
        root.Subcommands.Add(help.Add(CancelCommand.Create(gateway, environment), CancelCommand.Examples));
        root.Subcommands.Add(help.Add(WatchCommand.Create(gateway, environment), WatchCommand.Examples));

        var simCreate = help.Add(SimCreateCommand.Create(environment), SimCreateCommand.Examples);
        var sim = new Command("sim", "Use the demo's simulated upstream (gateway started with --Upstream:Simulate=true)") { simCreate };
        root.Subcommands.Add(help.Add(sim, SimCreateCommand.Examples));
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args, CliEnvironment environment, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        var parseResult = Create(environment).Parse(args);
        var exitCode = await parseResult.InvokeAsync(configuration, cancellationToken);

        // System.CommandLine answers a usage error with 1, which jobgw uses for a failed call;
        // 2 keeps the two apart for scripts, as POSIX tools do.
        return parseResult.Action is System.CommandLine.Invocation.ParseErrorAction ? ExitCodes.Usage : exitCode;
    }
}
