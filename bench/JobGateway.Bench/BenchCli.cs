using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using JobGateway.Bench.Processes;
using JobGateway.Bench.Scenarios;

namespace JobGateway.Bench;

/// <summary>The command tree. Exit codes: 0 every check passed, 1 a check failed, 2 the run could not be set up.</summary>
internal static class BenchCli
{
    public const int Passed = 0;
    public const int ChecksFailed = 1;
    public const int SetupFailed = 2;

    public static async Task<int> InvokeAsync(string[] args)
    {
        // Last resort: whatever way the bench ends, no simulator, redis-server or gateway outlives it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcess.KillAll();
        var root = Create();

        // Ctrl+C and SIGTERM cancel the running scenario, which then stops its processes by PID.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await root.Parse(args).InvokeAsync(configuration);
    }

    private static RootCommand Create()
    {
        var common = new CommonOptions();
        var smoke = new Option<bool>("--smoke")
        {
            Description = "Small, fast run for CI (2 replicas with Redis, 2 jobs x 50 watchers, 1 s interval, and the polling baseline): checks only what does not depend on timing, prints one line, exits 1 when a check fails",
        };
        var root = new RootCommand(
            """
            JobGateway benchmark: starts the simulator, redis-server and gateway replicas as real processes on
            loopback, drives scripted job lifecycles over WatchJob streams, and measures upstream GETs per job per
            interval (against clients polling themselves), change-to-client latency split into its poll-interval
            and fan-out parts, streams per replica with RSS and CPU, and GetJob against a direct REST GET.
            Results: <out>/<scenario>.json and <scenario>.svg. Needs Release builds (dotnet build src/JobGateway -c Release, or --build).
            """)
        {
            smoke,
        };
        common.AddTo(root);
        root.Subcommands.Add(WatchCommand(common));
        root.Subcommands.Add(GetJobCommand(common));
        root.Subcommands.Add(SuiteCommand(common));
        root.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!parseResult.GetValue(smoke))
            {
                new HelpAction().Invoke(parseResult);
                return SetupFailed;
            }

            return await GuardAsync(async () =>
            {
                var run = await common.ResolveAsync(parseResult, smoke: true, cancellationToken);
                return await SmokeAsync(run, cancellationToken);
            });
        });
        return root;
    }

    private static Command WatchCommand(CommonOptions common)
    {
        var replicas = new Option<int>("--replicas") { Description = "Gateway replicas, 1 to 3 (more than 1 implies --redis)", DefaultValueFactory = _ => 1 };
        var redis = new Option<bool>("--redis") { Description = "Coordinate through a redis-server (always with more than one replica)" };
        var jobs = new Option<int>("--jobs") { Description = "Jobs, each with its own lifecycle", DefaultValueFactory = _ => 1 };
        var watchers = new Option<int>("--watchers") { Description = "WatchJob streams per job, spread evenly over the replicas", DefaultValueFactory = _ => 1000 };
        var changes = new Option<int>("--changes") { Description = "Status changes per job, the terminal one included (at least 2)", DefaultValueFactory = _ => 4 };
        var baseline = new Option<bool>("--baseline") { Description = "Then follow the same lifecycles with one REST poller per watcher (the client-side polling users do today)" };
        var hold = new Option<double>("--hold") { Description = "Seconds every stream stays open before the first change (memory is measured here)", DefaultValueFactory = _ => 10 };
        var parallelism = new Option<int>("--connect-parallelism") { Description = "Streams being opened at once", DefaultValueFactory = _ => 64 };
        var noWarmUp = new Option<bool>("--no-warm-up") { Description = "Measure from a cold start: skip the unmeasured lifecycle that lets the JIT compile the fan-out path first" };
        var name = new Option<string?>("--name") { Description = "Name of the result files [default: watch-<replicas>r-<jobs>x<watchers>]" };
        var command = new Command("watch", "Scripted lifecycles watched over WatchJob streams: upstream GETs per job per interval, change-to-client latency, streams, RSS and CPU per replica")
        {
            replicas, redis, jobs, watchers, changes, baseline, hold, parallelism, noWarmUp, name,
        };
        command.SetAction((parseResult, cancellationToken) => GuardAsync(async () =>
        {
            var run = await common.ResolveAsync(parseResult, smoke: false, cancellationToken);
            var r = parseResult.GetValue(replicas);
            if (r is < 1 or > 3)
            {
                throw new BenchException($"--replicas must be 1, 2 or 3, not {r}");
            }

            var settings = new WatchSettings
            {
                Name = parseResult.GetValue(name) ?? string.Create(CultureInfo.InvariantCulture, $"watch-{r}r-{parseResult.GetValue(jobs)}x{parseResult.GetValue(watchers)}"),
                Replicas = r,
                UseRedis = r > 1 || parseResult.GetValue(redis),
                Jobs = CommonOptions.Positive(parseResult.GetValue(jobs), "--jobs"),
                WatchersPerJob = CommonOptions.Positive(parseResult.GetValue(watchers), "--watchers"),
                Changes = Math.Max(2, parseResult.GetValue(changes)),
                Baseline = parseResult.GetValue(baseline),
                Hold = TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(hold))),
                ConnectParallelism = CommonOptions.Positive(parseResult.GetValue(parallelism), "--connect-parallelism"),
                WarmUp = !parseResult.GetValue(noWarmUp),
            };
            var result = await WatchScenario.RunAsync(run, settings, cancellationToken);
            return result.Passed ? Passed : ChecksFailed;
        }));
        return command;
    }

    private static Command GetJobCommand(CommonOptions common)
    {
        var concurrency = new Option<int[]>("--concurrency") { Description = "Closed-loop callers; one measurement per value", DefaultValueFactory = _ => [1, 16], AllowMultipleArgumentsPerToken = true };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per concurrency; each runs both targets, in alternating order", DefaultValueFactory = _ => 10 };
        var seconds = new Option<double>("--round-seconds") { Description = "Seconds per target per round", DefaultValueFactory = _ => 3 };
        var name = new Option<string>("--name") { Description = "Name of the result files", DefaultValueFactory = _ => "getjob" };
        var command = new Command("getjob", "GetJob through one replica from a warm snapshot versus GET /jobs/{id} on the simulator: throughput and latency")
        {
            concurrency, rounds, seconds, name,
        };
        command.SetAction((parseResult, cancellationToken) => GuardAsync(async () =>
        {
            var run = await common.ResolveAsync(parseResult, smoke: false, cancellationToken);
            var settings = new GetJobSettings
            {
                Name = parseResult.GetValue(name)!,
                Concurrency = [.. (parseResult.GetValue(concurrency) ?? [1]).Select(c => CommonOptions.Positive(c, "--concurrency"))],
                Rounds = CommonOptions.Positive(parseResult.GetValue(rounds), "--rounds"),
                RoundDuration = TimeSpan.FromSeconds(Math.Max(0.5, parseResult.GetValue(seconds))),
            };
            var result = await GetJobScenario.RunAsync(run, settings, cancellationToken);
            return result.Passed ? Passed : ChecksFailed;
        }));
        return command;
    }

    private static Command SuiteCommand(CommonOptions common)
    {
        var only = new Option<string[]>("--only") { Description = $"Run only these scenarios: {string.Join(", ", Suite.Names)}", AllowMultipleArgumentsPerToken = true };
        var command = new Command("suite", "The full set behind BENCHMARKS.md, one scenario after the other: " + string.Join(", ", Suite.Names)) { only };
        command.SetAction((parseResult, cancellationToken) => GuardAsync(async () =>
        {
            var run = await common.ResolveAsync(parseResult, smoke: false, cancellationToken);
            return await Suite.RunAsync(run, parseResult.GetValue(only) ?? [], cancellationToken) ? Passed : ChecksFailed;
        }));
        return command;
    }

    private static async Task<int> SmokeAsync(RunSettings run, CancellationToken cancellationToken)
    {
        var settings = new WatchSettings
        {
            Name = "smoke",
            Replicas = 2,
            UseRedis = true,
            Jobs = 2,
            WatchersPerJob = 50,
            Changes = 3,
            Baseline = true,
            Hold = TimeSpan.FromSeconds(1),
            ConnectParallelism = 32,

            // Checks only what timing cannot change, so a cold start is fine (and faster).
            WarmUp = false,
        };
        var result = await WatchScenario.RunAsync(run, settings, cancellationToken);
        var d = result.Dedupe;
        var ended = result.Checks.First(c => c.Name.StartsWith("every watcher", StringComparison.Ordinal)).Passed
            ? $"all {settings.Streams} watchers received the terminal state"
            : "NOT every watcher received the terminal state";
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"smoke: {(result.Passed ? "passed" : "FAILED")}: gateway {d.Gateway.GetsPerJobPerInterval:F2} upstream GETs per job per interval for {settings.WatchersPerJob} watchers x {settings.Jobs} jobs on {settings.Replicas} replicas (baseline {d.Baseline?.GetsPerJobPerInterval:F2}, {d.Ratio:F0}:1); {ended}; fan-out p99 {result.Latency.Fanout.P99:F1} ms (not checked); {result.DurationSeconds:F0} s")
            + (result.Passed ? string.Empty : "; failed: " + string.Join("; ", result.Checks.Where(c => !c.Passed).Select(c => c.Name))));
        return result.Passed ? Passed : ChecksFailed;
    }

    private static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (BenchException ex)
        {
            await Console.Error.WriteLineAsync($"bench: {ex.Message}");
            return SetupFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("bench: cancelled; every process it started has been stopped");
            return SetupFailed;
        }
    }
}
