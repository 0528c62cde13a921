using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace JobGateway.Cli.Help;

/// <summary>
/// The standard help followed by an "Examples:" section: System.CommandLine's help has no place for
/// examples, and a command line is learnt from examples far faster than from option lists.
/// </summary>
internal sealed class ExamplesHelpAction : SynchronousCommandLineAction
{
    private readonly Dictionary<Command, IReadOnlyList<string>> examples = [];
    private readonly SynchronousCommandLineAction standardHelp;

    private ExamplesHelpAction(SynchronousCommandLineAction standardHelp) => this.standardHelp = standardHelp;

    // Like the standard help: "jobgw get --help" must show help, not "missing argument job-id".
    public override bool ClearsParseErrors => true;

    /// <summary>Replaces the root's (recursive) help option action and returns it for <see cref="Add"/>.</summary>
    public static ExamplesHelpAction Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        var action = new ExamplesHelpAction((SynchronousCommandLineAction)help.Action!);
        help.Action = action;
        return action;
    }

    public TCommand Add<TCommand>(TCommand command, IReadOnlyList<string> lines)
        where TCommand : Command
    {
        examples[command] = lines;
        return command;
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = standardHelp.Invoke(parseResult);
        if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var line in lines)
            {
                output.WriteLine($"  {line}");
            }

            output.WriteLine();
        }

        return exitCode;
    }
}
