namespace JobGateway.Cli.Tests.Infrastructure;

/// <summary>A <c>jobgw</c> invocation still in progress.</summary>
internal sealed record RunningCli(CapturedWriter Output, CapturedWriter Error, Task<CliResult> Completion)
{
    /// <summary>The result; fails the test instead of hanging when the command does not end.</summary>
    public async Task<CliResult> WaitAsync(int timeoutSeconds = 60)
    {
        try
        {
            return await Completion.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"jobgw did not end within {timeoutSeconds} s.\n--- stdout ---\n{Output.Text}\n--- stderr ---\n{Error.Text}");
            throw;
        }
    }
}
