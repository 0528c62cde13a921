using System.Globalization;

namespace JobGateway.Bench.Scenarios;

/// <summary>The full set of runs behind BENCHMARKS.md, with the sizes of the issue's targets.</summary>
internal static class Suite
{
    public static readonly string[] Names = ["dedupe", "fanout-1k", "fanout-10k", "capacity-20k", "getjob"];

    public static async Task<bool> RunAsync(RunSettings run, IReadOnlyList<string> only, CancellationToken cancellationToken)
    {
        var unknown = only.Except(Names, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchException($"Unknown scenario {string.Join(", ", unknown)}; the suite has {string.Join(", ", Names)}");
        }

        var passed = true;
        var summaries = new List<string>();
        foreach (var name in Names.Where(n => only.Count == 0 || only.Contains(n, StringComparer.Ordinal)))
        {
            if (name == "getjob")
            {
                var result = await GetJobScenario.RunAsync(run, new GetJobSettings { Name = name, Concurrency = [1, 16], Rounds = 6, RoundDuration = TimeSpan.FromSeconds(3) }, cancellationToken);
                passed &= result.Passed;
                summaries.Add($"{name}:{Environment.NewLine}{GetJobScenario.Summary(result)}");
                continue;
            }

            var settings = name switch
            {
                // 1,000 watchers of one job across 3 replicas, against 1,000 clients polling it themselves.
                "dedupe" => Watch(name, replicas: 3, jobs: 1, watchers: 1000, baseline: true),
                "fanout-1k" => Watch(name, replicas: 1, jobs: 1, watchers: 1000, baseline: false),
                "fanout-10k" => Watch(name, replicas: 1, jobs: 1, watchers: 10_000, baseline: false),

                // The stretch target's 20,000 streams on one replica, over 20 jobs.
                _ => Watch(name, replicas: 1, jobs: 20, watchers: 1000, baseline: false),
            };
            var watch = await WatchScenario.RunAsync(run, settings, cancellationToken);
            passed &= watch.Passed;
            summaries.Add($"{name}:{Environment.NewLine}{WatchScenario.Summary(watch)}");
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"suite: {(passed ? "every check passed" : "a check FAILED")}"));
        foreach (var summary in summaries)
        {
            Console.WriteLine(summary);
        }

        return passed;
    }

    private static WatchSettings Watch(string name, int replicas, int jobs, int watchers, bool baseline) => new()
    {
        Name = name,
        Replicas = replicas,
        UseRedis = replicas > 1,
        Jobs = jobs,
        WatchersPerJob = watchers,
        Changes = 6,
        Baseline = baseline,
        Hold = TimeSpan.FromSeconds(10),
        ConnectParallelism = 64,
        WarmUp = true,
    };
}
