using System.CommandLine;

namespace JobGateway.Cli.Commands;

internal static class JobIdArgument
{
    // The gateway validates the id itself (INVALID_ARGUMENT with a precise message), so the CLI
    // passes it through rather than keeping a second, possibly diverging, rule.
    public static Argument<string> Create() => new("job-id")
    {
        Description = "The job's id, a UUID (as printed by 'jobgw sim create')",
    };
}
