using System.CommandLine;

namespace JobGateway.Cli.Tests.Infrastructure;

/// <summary>
/// Runs <c>jobgw</c> in-process exactly as <c>Program</c> does, with captured stdout/stderr and an
/// environment of the test's own (so a JOBGW_TOKEN on the machine cannot change a result).
/// </summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(environment, args, TestContext.Current.CancellationToken).WaitAsync();

    /// <summary>Starts a command whose output the test reads while it runs; cancelling <paramref name="cancellationToken"/> is Ctrl+C.</summary>
    public static RunningCli Start(CancellationToken cancellationToken, params string[] args) =>
        Start(new Dictionary<string, string>(), args, cancellationToken);

    private static RunningCli Start(IReadOnlyDictionary<string, string> environment, string[] args, CancellationToken cancellationToken)
    {
        var output = new CapturedWriter();
        var error = new CapturedWriter();
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,

            // An unexpected exception must fail the test with its stack trace, not become exit code 1.
            EnableDefaultExceptionHandler = false,
        };
        var cliEnvironment = new CliEnvironment(name => environment.GetValueOrDefault(name), TimeProvider.System);
        var completion = Task.Run(async () =>
        {
            var exitCode = await JobGatewayCli.InvokeAsync(args, cliEnvironment, configuration, cancellationToken);
            return new CliResult(exitCode, output.Text, error.Text);
        }, TestContext.Current.CancellationToken);
        return new RunningCli(output, error, completion);
    }
}
