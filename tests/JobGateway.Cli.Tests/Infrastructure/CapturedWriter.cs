using System.Text;

namespace JobGateway.Cli.Tests.Infrastructure;

/// <summary>
/// Captures what a command prints. Thread-safe, so a test can read a running watch's output
/// (to move the job once the watch has shown its first line) while the watch keeps writing.
/// </summary>
internal sealed class CapturedWriter : TextWriter
{
    private readonly StringBuilder text = new();
    private readonly Lock gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (gate)
            {
                return text.ToString();
            }
        }
    }

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override void Write(char value)
    {
        lock (gate)
        {
            text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            text.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            text.Append(value).Append('\n');
        }
    }

    /// <summary>Waits until the output contains <paramref name="expected"/>; the bound is a hang guard, not a timing assertion.</summary>
    public async Task WaitForAsync(string expected, int timeoutSeconds = 30)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        while (!Text.Contains(expected, StringComparison.Ordinal))
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after {timeoutSeconds} s waiting for output containing '{expected}'. Output so far:\n{Text}");
            }
        }
    }
}
