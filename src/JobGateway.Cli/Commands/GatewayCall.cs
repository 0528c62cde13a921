using System.CommandLine;
using Grpc.Core;
using JobGateway.Cli.Output;

namespace JobGateway.Cli.Commands;

/// <summary>The frame of every gateway command: resolve the target, open a channel, and turn expected failures into one stderr line and an exit code.</summary>
internal static class GatewayCall
{
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        GatewayOptions options,
        CliEnvironment environment,
        string jobId,
        Func<GatewayConnection, IJobRenderer, Task<int>> body,
        CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        if (options.Resolve(parseResult, environment, out var problem) is not { } target)
        {
            await error.WriteLineAsync($"jobgw: {problem}");
            return ExitCodes.Usage;
        }

        using var gateway = new GatewayConnection(target, environment.Time);
        var renderer = IJobRenderer.For(parseResult.GetValue(options.Json), parseResult.InvocationConfiguration.Output);
        try
        {
            return await body(gateway, renderer);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
        {
            return ExitCodes.Interrupted;
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync($"jobgw: {GrpcErrors.Describe(e, target, jobId)}");
            return ExitCodes.Error;
        }
    }
}
