using System.Globalization;

namespace JobGateway.Bench.Processes;

/// <summary>
/// Samples a process's RSS and CPU time from <c>/proc/&lt;pid&gt;</c> (or the whole machine's CPU time
/// from <c>/proc/stat</c>) every <see cref="Period"/>, so every phase of a run can be read back
/// afterwards: memory at a plateau, CPU share over a window.
/// </summary>
internal sealed class ResourceSampler : IAsyncDisposable
{
    public static readonly TimeSpan SlowPeriod = TimeSpan.FromMilliseconds(250);

    /// <summary>While changes fan out, so that a burst of a few tens of milliseconds still spans samples.</summary>
    public static readonly TimeSpan FastPeriod = TimeSpan.FromMilliseconds(20);

    // USER_HZ: the unit of the CPU times in /proc/<pid>/stat and /proc/stat; 100 on every Linux this runs on.
    private const double ClockTicksPerSecond = 100;

    private readonly Func<ResourceSample?> read;
    private readonly List<ResourceSample> samples = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly PeriodicTimer timer = new(SlowPeriod);
    private readonly Task loop;

    private ResourceSampler(Func<ResourceSample?> read)
    {
        this.read = read;
        loop = Task.Run(RunAsync);
    }

    public TimeSpan Period
    {
        get => timer.Period;
        set => timer.Period = value;
    }

    public static ResourceSampler ForProcess(int pid) => new(() => Read(pid));

    /// <summary>CPU time of every process on the machine (RSS and threads stay 0): what the rest of a shared machine took.</summary>
    public static ResourceSampler ForMachine() => new(ReadMachine);

    public IReadOnlyList<ResourceSample> Samples
    {
        get
        {
            lock (gate)
            {
                return [.. samples];
            }
        }
    }

    /// <summary>One sample now, outside the periodic ones; null once the process is gone.</summary>
    public ResourceSample? SampleNow()
    {
        var sample = read();
        if (sample is { } taken)
        {
            lock (gate)
            {
                samples.Add(taken);
            }
        }

        return sample;
    }

    /// <summary>Median RSS of the samples taken in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public long MedianRssKiB(DateTime from, DateTime to)
    {
        var window = Window(from, to).Select(s => s.RssKiB).Order().ToList();
        return window.Count == 0 ? 0 : window[window.Count / 2];
    }

    public long PeakRssKiB(DateTime from, DateTime to) => Window(from, to).Select(s => s.RssKiB).DefaultIfEmpty().Max();

    /// <summary>CPU use over the window, in cores (1.0 = one core busy all the time).</summary>
    public double CpuCores(DateTime from, DateTime to)
    {
        var window = Window(from, to);
        if (window.Count < 2)
        {
            return 0;
        }

        var first = window[0];
        var last = window[^1];
        var seconds = (last.At - first.At).TotalSeconds;
        return seconds <= 0 ? 0 : (last.CpuSeconds - first.CpuSeconds) / seconds;
    }

    /// <summary>CPU seconds used between the last sample at or before <paramref name="from"/> and the first at or after <paramref name="to"/>.</summary>
    public (double CpuSeconds, double WallSeconds) CpuAround(DateTime from, DateTime to)
    {
        lock (gate)
        {
            var before = samples.LastOrDefault(s => s.At <= from);
            var after = samples.FirstOrDefault(s => s.At >= to);
            if (before.At == default || after.At == default)
            {
                return (0, 0);
            }

            return (after.CpuSeconds - before.CpuSeconds, (after.At - before.At).TotalSeconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        timer.Dispose();
        stop.Dispose();
    }

    private static ResourceSample? ReadMachine()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var busy = fields.Take(8).Sum() - fields[3] - fields[4];
            return new ResourceSample(DateTime.UtcNow, 0, busy / ClockTicksPerSecond, 0);
        }
        catch (IOException)
        {
            return null;
        }
    }

    internal static ResourceSample? Read(int pid)
    {
        try
        {
            var at = DateTime.UtcNow;
            long rss = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }

            // Fields after the command name, which may contain spaces, start after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ResourceSample(at, rss, ticks / ClockTicksPerSecond, threads);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private List<ResourceSample> Window(DateTime from, DateTime to)
    {
        // Phase boundaries are sampled right after they are stamped: take those samples in.
        var slack = TimeSpan.FromMilliseconds(10);
        lock (gate)
        {
            return [.. samples.Where(s => s.At >= from && s.At <= to + slack).OrderBy(s => s.At)];
        }
    }

    private async Task RunAsync()
    {
        do
        {
            if (SampleNow() is null)
            {
                return;
            }
        }
        while (await WaitAsync());
    }

    private async Task<bool> WaitAsync()
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
