using System.Diagnostics;
using System.Globalization;

namespace JobGateway.Bench;

/// <summary>
/// The progress display: one line per phase, and under it a live status line (rewritten in place on a
/// terminal, printed every few seconds when the output is redirected, as in CI).
/// </summary>
internal sealed class Progress : IAsyncDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsOutputRedirected;
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly string scenario;
    private Func<string>? status;
    private int statusWidth;

    public Progress(string scenario)
    {
        this.scenario = scenario;
        loop = Task.Run(RunAsync);
    }

    public void Phase(string name)
    {
        lock (gate)
        {
            ClearStatusLocked();
            status = null;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{scenario} {clock.Elapsed.TotalSeconds,6:F1} s] {name}"));
        }
    }

    /// <summary>Shows <paramref name="provider"/>'s text as the live status until the next phase.</summary>
    public void Status(Func<string> provider)
    {
        lock (gate)
        {
            status = provider;
        }
    }

    public void Line(string text)
    {
        lock (gate)
        {
            ClearStatusLocked();
            Console.WriteLine(text);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        lock (gate)
        {
            ClearStatusLocked();
        }

        stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(interactive ? 250 : 5000));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                lock (gate)
                {
                    if (status is not { } provider)
                    {
                        continue;
                    }

                    var text = string.Create(CultureInfo.InvariantCulture, $"    {clock.Elapsed.TotalSeconds,6:F1} s  {provider()}");
                    if (interactive)
                    {
                        Console.Write('\r' + text.PadRight(statusWidth));
                        statusWidth = text.Length;
                    }
                    else
                    {
                        Console.WriteLine(text);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ClearStatusLocked()
    {
        if (interactive && statusWidth > 0)
        {
            Console.Write('\r' + new string(' ', statusWidth) + '\r');
            statusWidth = 0;
        }
    }
}
