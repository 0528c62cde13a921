using System.CommandLine;
using JobGateway.V1;

namespace JobGateway.Cli.Commands;

internal static class CancelCommand
{
    public static readonly string[] Examples =
    [
        "jobgw cancel 0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d --token demo-token",
        "jobgw cancel $id --json | jq -r .state",
    ];

    public static Command Create(GatewayOptions options, CliEnvironment environment)
    {
        var jobId = JobIdArgument.Create();
        var command = new Command("cancel", "Cancel a queued or processing job and print it as it stands after the cancel") { jobId };
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var id = parseResult.GetRequiredValue(jobId);
            return GatewayCall.RunAsync(parseResult, options, environment, id, async (gateway, renderer) =>
            {
                var response = await gateway.Client.CancelJobAsync(new CancelJobRequest { JobId = id }, gateway.Unary(cancellationToken));
                renderer.WriteJob(response.Job);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
