using System.Net.Sockets;
using System.Text;

namespace JobGateway.Bench.Processes;

/// <summary>The processes of one run: the simulator, redis-server when replicas coordinate, and the gateway replicas.</summary>
internal sealed class Cluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<IAsyncDisposable> owned = [];

    private Cluster()
    {
    }

    /// <summary>The bench process itself: the client side, on the same cores.</summary>
    public ResourceSampler ClientSampler { get; } = ResourceSampler.ForProcess(Environment.ProcessId);

    /// <summary>Every process on the machine, the bench's and other people's.</summary>
    public ResourceSampler MachineSampler { get; } = ResourceSampler.ForMachine();

    public ChildProcess Simulator { get; private set; } = null!;

    public ResourceSampler SimulatorSampler { get; private set; } = null!;

    public Uri SimulatorUri { get; private set; } = null!;

    public ChildProcess? Redis { get; private set; }

    public ResourceSampler? RedisSampler { get; private set; }

    public IReadOnlyList<GatewayReplica> Replicas { get; private set; } = [];

    private IEnumerable<ResourceSampler> Samplers =>
        new[] { ClientSampler, MachineSampler, SimulatorSampler, RedisSampler }.Concat(Replicas.Select(r => r.Sampler)).OfType<ResourceSampler>();

    /// <summary>Samples every process now: phase boundaries then fall exactly on a sample.</summary>
    public void SampleAll()
    {
        foreach (var sampler in Samplers)
        {
            sampler.SampleNow();
        }
    }

    /// <summary>Samples often (while changes fan out) or rarely.</summary>
    public void SampleFast(bool fast)
    {
        foreach (var sampler in Samplers)
        {
            sampler.Period = fast ? ResourceSampler.FastPeriod : ResourceSampler.SlowPeriod;
        }
    }

    public static async Task<Cluster> StartAsync(RunSettings run, int replicas, bool useRedis, Progress progress, CancellationToken cancellationToken)
    {
        var cluster = new Cluster();
        try
        {
            await cluster.StartCoreAsync(run, replicas, useRedis, progress, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Gateways first, so none of them logs a burst of Redis or upstream errors on the way down.
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            await owned[i].DisposeAsync();
        }

        owned.Clear();
        await ClientSampler.DisposeAsync();
        await MachineSampler.DisposeAsync();
    }

    private async Task StartCoreAsync(RunSettings run, int replicas, bool useRedis, Progress progress, CancellationToken cancellationToken)
    {
        progress.Phase("starting processes");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

        var simulatorPort = FreePorts.Next();
        SimulatorUri = new Uri($"http://127.0.0.1:{simulatorPort}/");
        Simulator = ChildProcess.Start(
            "simulator",
            "dotnet",
            [run.SimulatorDll, "--urls", $"http://127.0.0.1:{simulatorPort}", $"--Simulator:RandomSeed={run.Seed}", "--Logging:LogLevel:Default=Warning"],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_NOLOGO"] = "1" },
            Path.GetDirectoryName(run.SimulatorDll));
        owned.Add(Simulator);
        SimulatorSampler = ResourceSampler.ForProcess(Simulator.Id);
        owned.Add(SimulatorSampler);

        string? redisConfiguration = null;
        var ready = new List<Task> { WaitHttpAsync(http, Simulator, new Uri(SimulatorUri, "_control/counters"), cancellationToken) };
        if (useRedis)
        {
            var redisPort = FreePorts.Next();
            Redis = ChildProcess.Start(
                "redis-server",
                run.RedisServer,
                ["--port", redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--maxclients", "10000"]);
            owned.Add(Redis);
            RedisSampler = ResourceSampler.ForProcess(Redis.Id);
            owned.Add(RedisSampler);
            redisConfiguration = $"127.0.0.1:{redisPort}";
            ready.Add(WaitRedisAsync(Redis, redisPort, cancellationToken));
        }

        await Task.WhenAll(ready);

        var started = new List<GatewayReplica>();
        for (var i = 0; i < replicas; i++)
        {
            var replica = GatewayReplica.Start(run, i, SimulatorUri, redisConfiguration);
            owned.Add(replica);
            started.Add(replica);
        }

        // /readyz: with Redis, the replica has connected to it.
        await Task.WhenAll(started.Select(r => WaitHttpAsync(http, r.Process, new Uri(r.Http, "readyz"), cancellationToken)));
        Replicas = started;
        progress.Line("    pids (for dotnet-counters / dotnet-trace): " + string.Join(", ", owned.OfType<ChildProcess>().Select(p => $"{p.Name} {p.Id}").Concat(started.Select(r => $"{r.Process.Name} {r.Process.Id}"))));
    }

    private static async Task WaitHttpAsync(HttpClient http, ChildProcess process, Uri probe, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new BenchException($"{process.Name} exited during start-up. Its last output:{Environment.NewLine}{process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(probe, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new BenchException($"{process.Name} did not answer {probe} within {StartTimeout.TotalSeconds} s. Its last output:{Environment.NewLine}{process.Tail()}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task WaitRedisAsync(ChildProcess process, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var buffer = new byte[64];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new BenchException($"redis-server exited during start-up. Its last output:{Environment.NewLine}{process.Tail()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new BenchException($"redis-server did not answer PING on port {port} within {StartTimeout.TotalSeconds} s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
