using System.CommandLine;
using JobGateway.V1;

namespace JobGateway.Cli.Commands;

internal static class GetCommand
{
    public static readonly string[] Examples =
    [
        "jobgw get 0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d --token demo-token",
        "jobgw get $id --json | jq -r '.result.urls[]'",
        "JOBGW_ADDRESS=http://gateway:8080 JOBGW_TOKEN=$KREA_TOKEN jobgw get $id",
    ];

    public static Command Create(GatewayOptions options, CliEnvironment environment) => UnaryJobCommand.Create(
        "get",
        "Print a job: state, upstream status, revision, times, results, error, style and extra fields",
        options,
        environment,
        async (client, id, callOptions) => (await client.GetJobAsync(new GetJobRequest { JobId = id }, callOptions)).Job);
}
