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

    public static Command Create(GatewayOptions options, CliEnvironment environment) => UnaryJobCommand.Create(
        "cancel",
        "Cancel a queued or processing job and print it as it stands after the cancel",
        options,
        environment,
        async (client, id, callOptions) => (await client.CancelJobAsync(new CancelJobRequest { JobId = id }, callOptions)).Job);
}
