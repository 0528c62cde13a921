using System.Collections.Concurrent;
using System.Diagnostics;

namespace JobGateway.Bench.Processes;

/// <summary>
/// A process the bench started (simulator, redis-server, gateway replica). It is killed by its PID when
/// disposed, and by <see cref="KillAll"/> when the bench itself exits, so no run leaves one behind.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 40;

    private static readonly ConcurrentDictionary<int, ChildProcess> Live = new();

    private readonly Process process;
    private readonly Queue<string> tail = new();
    private readonly Lock tailGate = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
        Id = process.Id;
    }

    public string Name { get; }

    public int Id { get; }

    public bool HasExited => process.HasExited;

    /// <param name="workingDirectory">Null: the bench's own. An ASP.NET Core app reads its appsettings.json from there.</param>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {name} ({fileName})");
        }

        var child = new ChildProcess(name, process);
        Live[child.Id] = child;

        // Always drain both pipes: a child that fills a pipe nobody reads blocks on its next log line.
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines the process wrote, to explain a failed start.</summary>
    public string Tail()
    {
        lock (tailGate)
        {
            return string.Join(Environment.NewLine, tail);
        }
    }

    /// <summary>Last resort on the bench's own exit: kill whatever is still running.</summary>
    public static void KillAll()
    {
        foreach (var child in Live.Values)
        {
            child.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"bench: {Name} (pid {Id}) did not exit within 10 s of SIGKILL");
        }

        Live.TryRemove(Id, out _);
        process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited in between.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (tailGate)
        {
            tail.Enqueue(line);
            while (tail.Count > TailLines)
            {
                tail.Dequeue();
            }
        }
    }
}
