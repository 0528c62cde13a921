using System.CommandLine;

namespace JobGateway.Cli.Commands;

internal static class WatchCommand
{
    public static readonly string[] Examples =
    [
        "jobgw watch 0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d --token demo-token",
        "jobgw watch $id --after-revision 3          # resume after a broken stream",
        "jobgw watch $id --reconnect                 # ride out gateway restarts",
        "jobgw watch $id --json | jq -c '{revision, state}'",
        "jobgw watch $id && echo done || echo \"ended with $?\"   # 0 completed, 3 failed, 4 cancelled",
    ];

    public static Command Create(GatewayOptions options, CliEnvironment environment)
    {
        var jobId = JobIdArgument.Create();
        var afterRevision = new Option<ulong>("--after-revision")
        {
            Description = "Only show revisions above this one: the number a broken watch told you to resume with",
            HelpName = "n",
        };
        var reconnect = new Option<bool>("--reconnect")
        {
            Description = "When the connection breaks, reconnect after the last revision (with backoff) instead of exiting",
        };
        var command = new Command(
            "watch",
            "Follow a job live, one line per change, until it finishes. Exit code: 0 completed, 3 failed, 4 cancelled, 5 ended unfinished, 130 Ctrl+C")
        {
            jobId, afterRevision, reconnect,
        };
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var id = parseResult.GetRequiredValue(jobId);
            return GatewayCall.RunAsync(parseResult, options, environment, id, (gateway, renderer) =>
            {
                var watcher = new JobWatcher(gateway, renderer, parseResult.InvocationConfiguration.Error, environment.Time, id)
                {
                    Reconnect = parseResult.GetValue(reconnect),
                };
                return watcher.RunAsync(parseResult.GetValue(afterRevision), cancellationToken);
            }, cancellationToken);
        });
        return command;
    }
}
