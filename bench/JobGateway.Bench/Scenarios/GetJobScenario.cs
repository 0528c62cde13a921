using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using JobGateway.Bench.Processes;
using JobGateway.Bench.Reporting;
using JobGateway.Bench.Reporting.Results;
using JobGateway.Bench.Upstream;
using JobGateway.Bench.Watching;
using JobGateway.V1;

namespace JobGateway.Bench.Scenarios;

/// <summary>
/// GetJob through one gateway replica, served from a warm snapshot (a watcher keeps the job polled),
/// against a direct <c>GET /jobs/{id}</c> to the simulator: closed-loop callers, both targets in every
/// round, in alternating order.
/// </summary>
internal static class GetJobScenario
{
    private const string Gateway = "gateway";
    private const string Direct = "direct";

    private static readonly Metadata Headers = [new Metadata.Entry("authorization", $"Bearer {SimulatorClient.Token}")];

    public static async Task<GetJobResult> RunAsync(RunSettings run, GetJobSettings settings, CancellationToken cancellationToken)
    {
        var startedAt = DateTime.UtcNow;
        var machine = MachineInfo.Collect(run);
        await using var progress = new Progress(settings.Name);
        await using var cluster = await Cluster.StartAsync(run, 1, useRedis: false, progress, cancellationToken);
        using var simulator = new SimulatorClient(cluster.SimulatorUri);
        var replica = cluster.Replicas[0];
        var clientSampler = cluster.ClientSampler;

        progress.Phase("one job that stays queued, one watcher keeping its snapshot warm");
        var jobId = await simulator.CreateManualJobAsync(cancellationToken);
        using var channel = GrpcChannel.ForAddress(replica.Grpc, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true }, DisposeHttpClient = true });
        var grpc = new JobService.JobServiceClient(channel);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeper = new Watcher(0, 0, 0);
        var keeperTask = keeper.RunAsync(grpc, jobId, Headers, new WatchCounters(), watching.Token);
        await keeper.Connected.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

        using var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = cluster.SimulatorUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SimulatorClient.Token);
        var path = new Uri($"jobs/{jobId}", UriKind.Relative);

        Func<Task> gatewayCall = async () =>
        {
            var response = await grpc.GetJobAsync(new GetJobRequest { JobId = jobId }, Headers, cancellationToken: cancellationToken);
            if (response.Job?.JobId != jobId)
            {
                throw new BenchException("GetJob answered another job");
            }
        };
        Func<Task> directCall = async () =>
        {
            using var response = await http.GetAsync(path, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            if (document.RootElement.GetProperty("job_id").GetString() != jobId)
            {
                throw new BenchException("GET /jobs/{id} answered another job");
            }
        };

        var maxConcurrency = settings.Concurrency.Max();
        progress.Phase(string.Create(CultureInfo.InvariantCulture, $"warm-up: 2 s per target at concurrency {maxConcurrency}"));
        await DriveAsync(gatewayCall, maxConcurrency, TimeSpan.FromSeconds(2), [], cancellationToken);
        await DriveAsync(directCall, maxConcurrency, TimeSpan.FromSeconds(2), [], cancellationToken);

        var rows = new List<GetJobRow>();
        var charts = new List<ChartSeries>();
        long gatewayCalls = 0, upstreamDuringGateway = 0;
        foreach (var concurrency in settings.Concurrency)
        {
            var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal) { [Gateway] = [], [Direct] = [] };
            var errors = new Dictionary<string, long>(StringComparer.Ordinal) { [Gateway] = 0, [Direct] = 0 };
            var seconds = new Dictionary<string, double>(StringComparer.Ordinal) { [Gateway] = 0, [Direct] = 0 };
            var serverCpu = new Dictionary<string, double>(StringComparer.Ordinal) { [Gateway] = 0, [Direct] = 0 };
            var clientCpu = new Dictionary<string, double>(StringComparer.Ordinal) { [Gateway] = 0, [Direct] = 0 };
            progress.Phase(string.Create(CultureInfo.InvariantCulture, $"concurrency {concurrency}: {settings.Rounds} rounds of {settings.RoundDuration.TotalSeconds:0.#} s per target"));
            for (var round = 0; round < settings.Rounds; round++)
            {
                string[] order = round % 2 == 0 ? [Gateway, Direct] : [Direct, Gateway];
                foreach (var target in order)
                {
                    progress.Status(() => string.Create(CultureInfo.InvariantCulture, $"round {round + 1}/{settings.Rounds}: {target}"));
                    var server = target == Gateway ? replica.Sampler : cluster.SimulatorSampler;
                    var getsBefore = target == Gateway ? await simulator.GetJobGetsAsync(jobId, cancellationToken) : 0;
                    var from = DateTime.UtcNow;
                    var sink = new List<double>();
                    var (elapsed, failed) = await DriveAsync(target == Gateway ? gatewayCall : directCall, concurrency, settings.RoundDuration, sink, cancellationToken);
                    var to = DateTime.UtcNow;
                    server.SampleNow();
                    clientSampler.SampleNow();
                    samples[target].AddRange(sink);
                    errors[target] += failed;
                    seconds[target] += elapsed.TotalSeconds;
                    serverCpu[target] += server.CpuCores(from, to) * elapsed.TotalSeconds;
                    clientCpu[target] += clientSampler.CpuCores(from, to) * elapsed.TotalSeconds;
                    if (target == Gateway)
                    {
                        gatewayCalls += sink.Count;
                        upstreamDuringGateway += await simulator.GetJobGetsAsync(jobId, cancellationToken) - getsBefore;
                    }
                }
            }

            foreach (var target in new[] { Gateway, Direct })
            {
                var sorted = samples[target];
                sorted.Sort();
                rows.Add(new GetJobRow(
                    target,
                    concurrency,
                    sorted.Count,
                    errors[target],
                    Math.Round(seconds[target], 2),
                    Math.Round(sorted.Count / seconds[target], 0),
                    LatencySummary.Of(sorted),
                    Math.Round(serverCpu[target] / seconds[target], 3),
                    Math.Round(clientCpu[target] / seconds[target], 3)));
                charts.Add(new ChartSeries(
                    target == Gateway ? $"gateway GetJob (gRPC), {concurrency} caller(s)" : $"direct GET /jobs/{{id}} (REST), {concurrency} caller(s)",
                    sorted,
                    Dashed: target == Direct,
                    Color: settings.Concurrency.ToList().IndexOf(concurrency)));
            }
        }

        await watching.CancelAsync();
        await keeperTask;

        var overhead = settings.Concurrency.Select(c =>
        {
            var g = rows.Single(r => r.Target == Gateway && r.Concurrency == c);
            var d = rows.Single(r => r.Target == Direct && r.Concurrency == c);
            return new GetJobOverhead(c, g.Latency.P50, d.Latency.P50, Math.Round(g.Latency.P50 - d.Latency.P50, 3), g.Latency.P99, d.Latency.P99, Math.Round(g.RequestsPerSecond / Math.Max(1, d.RequestsPerSecond), 2));
        }).ToList();

        // Served from the snapshot: the upstream saw only the watcher's scheduled polls, however many calls.
        var gatewaySeconds = rows.Where(r => r.Target == Gateway).Sum(r => r.Seconds);
        var allowed = (long)Math.Ceiling(gatewaySeconds / run.Interval.TotalSeconds) + (2L * settings.Rounds * settings.Concurrency.Count);
        var errorsTotal = rows.Sum(r => r.Errors);
        List<CheckResult> checks =
        [
            new("GetJob served from the warm snapshot", upstreamDuringGateway <= allowed,
                string.Create(CultureInfo.InvariantCulture, $"{gatewayCalls} GetJob calls, {upstreamDuringGateway} upstream GETs meanwhile (the watcher's polls: at most {allowed})")),
            new("no failed calls", errorsTotal == 0, string.Create(CultureInfo.InvariantCulture, $"{errorsTotal} failed")),
        ];

        var result = new GetJobResult(
            settings.Name,
            "getjob",
            startedAt,
            Math.Round((DateTime.UtcNow - startedAt).TotalSeconds, 1),
            machine,
            MachineInfo.LoadAverage(),
            settings.Concurrency,
            settings.Rounds,
            settings.RoundDuration.TotalSeconds,
            run.Interval.TotalMilliseconds,
            rows,
            overhead,
            gatewayCalls,
            upstreamDuringGateway,
            checks);
        var subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"1 replica, snapshot kept warm by a watcher; closed-loop callers; {machine.Cores} cores ({machine.CpuModel}) shared by client and servers; {startedAt:yyyy-MM-dd HH:mm} UTC");
        var svg = SvgChart.Percentiles($"{settings.Name}: GetJob via the gateway vs a direct REST GET", subtitle, charts);
        var (json, svgPath) = await ResultFiles.WriteAsync(run.OutDir, settings.Name, result, svg, cancellationToken);
        progress.Phase("done");
        progress.Line(Summary(result));
        progress.Line($"    wrote {Path.GetRelativePath(Environment.CurrentDirectory, json)} and {Path.GetRelativePath(Environment.CurrentDirectory, svgPath)}");
        return result;
    }

    public static string Summary(GetJobResult result)
    {
        var lines = new List<string>();
        foreach (var row in result.Rows)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {row.Target,-7} c={row.Concurrency,-3} {row.RequestsPerSecond,7:F0} req/s  p50 {row.Latency.P50:F3}  p90 {row.Latency.P90:F3}  p99 {row.Latency.P99:F3}  max {row.Latency.Max:F1} ms  (server {row.CpuCoresServer:F2} cores, client {row.CpuCoresClient:F2})"));
        }

        foreach (var o in result.Overhead)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  c={o.Concurrency}: the gateway adds {o.AddedP50Ms:+0.000;-0.000} ms at p50 ({o.GatewayP50Ms:F3} vs {o.DirectP50Ms:F3} ms); throughput ratio {o.ThroughputRatio:F2}"));
        }

        foreach (var check in result.Checks)
        {
            lines.Add($"  [{(check.Passed ? "ok" : "FAILED")}] {check.Name}: {check.Detail}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <returns>The time spent and the calls that failed; latencies of the successful ones go to <paramref name="sink"/>.</returns>
    private static async Task<(TimeSpan Elapsed, long Failed)> DriveAsync(Func<Task> call, int concurrency, TimeSpan duration, List<double> sink, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        long failed = 0;
        var loops = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var local = new List<double>(4096);
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await call();
                    local.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is RpcException or HttpRequestException or BenchException)
                {
                    Interlocked.Increment(ref failed);
                }
            }

            return local;
        }).ToList();
        foreach (var local in await Task.WhenAll(loops))
        {
            sink.AddRange(local);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return (Stopwatch.GetElapsedTime(started), failed);
    }
}
