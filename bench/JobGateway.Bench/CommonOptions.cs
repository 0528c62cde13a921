using System.CommandLine;
using JobGateway.Bench.Processes;

namespace JobGateway.Bench;

/// <summary>The options every command takes: binaries, output, interval, connection limits.</summary>
internal sealed class CommonOptions
{
    private readonly Option<string> configuration = new("--configuration", "-c")
    {
        Description = "Build configuration of the gateway and simulator to run (their bin/<configuration>/net10.0)",
        DefaultValueFactory = _ => "Release",
        Recursive = true,
    };

    private readonly Option<bool> build = new("--build")
    {
        Description = "Run `dotnet build src/JobGateway -c <configuration>` first (builds the simulator too)",
        Recursive = true,
    };

    private readonly Option<string?> gateway = new("--gateway")
    {
        Description = "Path of JobGateway.dll, instead of the one built in the repository",
        HelpName = "dll",
        Recursive = true,
    };

    private readonly Option<string?> simulator = new("--simulator")
    {
        Description = "Path of JobGateway.Simulator.dll, instead of the one built in the repository",
        HelpName = "dll",
        Recursive = true,
    };

    private readonly Option<string?> outDir = new("--out")
    {
        Description = "Directory for <scenario>.json and <scenario>.svg [default: bench/results, bench/results/smoke with --smoke]",
        HelpName = "dir",
        Recursive = true,
    };

    private readonly Option<double?> interval = new("--interval")
    {
        Description = "Poll interval in seconds, for the gateway (Polling:Interval = MaxInterval: no backoff) and the polling baseline [default: 2, 1 with --smoke]",
        HelpName = "seconds",
        Recursive = true,
    };

    private readonly Option<int> seed = new("--seed")
    {
        Description = "Seed of the lifecycle step lengths and the simulator",
        DefaultValueFactory = _ => 1,
        Recursive = true,
    };

    private readonly Option<int> serverStreams = new("--server-streams-per-connection")
    {
        Description = "The gateway's Kestrel:Limits:Http2:MaxStreamsPerConnection",
        DefaultValueFactory = _ => 1000,
        Recursive = true,
    };

    private readonly Option<int> clientStreams = new("--streams-per-connection")
    {
        Description = "WatchJob streams the bench puts on one HTTP/2 connection (one GrpcChannel) before opening another",
        DefaultValueFactory = _ => 500,
        Recursive = true,
    };

    private readonly Option<string[]> gatewayArgs = new("--gateway-arg")
    {
        Description = "Extra configuration for every replica, e.g. --gateway-arg --Polling:LeaseTtl=00:00:03 (repeatable)",
        HelpName = "--Key=value",
        Recursive = true,
    };

    private readonly Option<string[]> gatewayEnv = new("--gateway-env")
    {
        Description = "Extra environment variable for every replica, e.g. --gateway-env DOTNET_gcServer=0 (repeatable)",
        HelpName = "NAME=value",
        Recursive = true,
    };

    private readonly Option<string> redisServer = new("--redis-server")
    {
        Description = "The redis-server executable",
        DefaultValueFactory = _ => "redis-server",
        Recursive = true,
    };

    private readonly Option<string?> label = new("--label")
    {
        Description = "A note stored in every result, e.g. which commit a --gateway build came from",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { configuration, build, gateway, simulator, outDir, interval, seed, serverStreams, clientStreams, gatewayArgs, gatewayEnv, redisServer, label })
        {
            command.Options.Add(option);
        }
    }

    public async Task<RunSettings> ResolveAsync(ParseResult parseResult, bool smoke, CancellationToken cancellationToken)
    {
        var repoRoot = Binaries.FindRepoRoot();
        var config = parseResult.GetValue(configuration)!;
        if (parseResult.GetValue(build))
        {
            await Binaries.BuildAsync(repoRoot, config, cancellationToken);
        }

        var gatewayDll = Path.GetFullPath(parseResult.GetValue(gateway) ?? Binaries.GatewayDll(repoRoot, config));
        var simulatorDll = Path.GetFullPath(parseResult.GetValue(simulator) ?? Binaries.SimulatorDll(repoRoot, config));
        Binaries.RequireExists(gatewayDll, "The gateway", config);
        Binaries.RequireExists(simulatorDll, "The simulator", config);

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parseResult.GetValue(gatewayEnv) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new BenchException($"--gateway-env takes NAME=value, not '{pair}'");
            }

            environment[pair[..equals]] = pair[(equals + 1)..];
        }

        var seconds = parseResult.GetValue(interval) ?? (smoke ? 1 : 2);
        if (seconds is < 0.1 or > 60)
        {
            throw new BenchException($"--interval must be between 0.1 and 60 seconds, not {seconds}");
        }

        return new RunSettings
        {
            RepoRoot = repoRoot,
            GatewayDll = gatewayDll,
            SimulatorDll = simulatorDll,
            OutDir = Path.GetFullPath(parseResult.GetValue(outDir) ?? Path.Combine(repoRoot, "bench", "results", smoke ? "smoke" : string.Empty)),
            Interval = TimeSpan.FromSeconds(seconds),
            Seed = parseResult.GetValue(seed),
            ServerStreamsPerConnection = Positive(parseResult.GetValue(serverStreams), "--server-streams-per-connection"),
            ClientStreamsPerConnection = Positive(parseResult.GetValue(clientStreams), "--streams-per-connection"),
            GatewayArgs = parseResult.GetValue(gatewayArgs) ?? [],
            GatewayEnvironment = environment,
            RedisServer = parseResult.GetValue(redisServer)!,
            Label = parseResult.GetValue(label),
        };
    }

    internal static int Positive(int value, string name) =>
        value > 0 ? value : throw new BenchException($"{name} must be at least 1, not {value}");
}
