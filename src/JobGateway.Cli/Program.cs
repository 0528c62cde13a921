using System.CommandLine;
using JobGateway.Cli;

return await JobGatewayCli.InvokeAsync(args, CliEnvironment.Process, new InvocationConfiguration(), CancellationToken.None);
