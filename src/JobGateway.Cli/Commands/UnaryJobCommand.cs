using System.CommandLine;
using Grpc.Core;
using JobGateway.V1;

namespace JobGateway.Cli.Commands;

/// <summary>The shape of <c>get</c> and <c>cancel</c>: one job id, one unary call, the job it returns printed.</summary>
internal static class UnaryJobCommand
{
    /// <param name="call">The RPC: the client, the validated job id and the call options; returns the job to print.</param>
    public static Command Create(
        string name,
        string description,
        GatewayOptions options,
        CliEnvironment environment,
        Func<JobService.JobServiceClient, string, CallOptions, Task<Job>> call)
    {
        var jobId = JobIdArgument.Create();
        var command = new Command(name, description) { jobId };
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var id = parseResult.GetRequiredValue(jobId);
            return GatewayCall.RunAsync(parseResult, options, environment, id, async (gateway, renderer) =>
            {
                renderer.WriteJob(await call(gateway.Client, id, gateway.Unary(cancellationToken)));
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
