using System.Globalization;
using JobGateway.Bench.Analysis;
using JobGateway.Bench.Processes;
using JobGateway.Bench.Reporting;
using JobGateway.Bench.Reporting.Results;
using JobGateway.Bench.Upstream;

namespace JobGateway.Bench.Scenarios;

/// <summary>
/// Scripted job lifecycles watched over WatchJob streams on 1–3 replicas, then (optionally) the same
/// lifecycles followed by REST pollers, in one invocation so both see the same machine.
/// </summary>
internal static class WatchScenario
{
    public static async Task<WatchResult> RunAsync(RunSettings run, WatchSettings settings, CancellationToken cancellationToken)
    {
        var startedAt = DateTime.UtcNow;
        var machine = MachineInfo.Collect(run);
        var random = new Random(run.Seed);
        var scripts = Enumerable.Range(0, settings.Jobs).Select(_ => LifecycleScript.Create(random, settings.Changes, run.Interval)).ToList();

        await using var progress = new Progress(settings.Name);
        await using var cluster = await Cluster.StartAsync(run, settings.Replicas, settings.UseRedis, progress, cancellationToken);
        using var simulator = new SimulatorClient(cluster.SimulatorUri);

        var gateway = await new GatewayPhase(run, settings, cluster, simulator, progress).RunAsync(scripts, cancellationToken);
        var baseline = settings.Baseline
            ? await new BaselinePhase(run, settings, cluster, simulator, progress).RunAsync(scripts, cancellationToken)
            : null;

        var report = new WatchReport(run, settings, cluster, gateway, baseline);
        var result = report.Build(machine, startedAt);
        var (json, svg) = await ResultFiles.WriteAsync(run.OutDir, settings.Name, result, report.Chart(result), cancellationToken);
        progress.Phase("done");
        progress.Line(Summary(result));
        progress.Line($"    wrote {Path.GetRelativePath(Environment.CurrentDirectory, json)} and {Path.GetRelativePath(Environment.CurrentDirectory, svg)}");
        return result;
    }

    public static string Summary(WatchResult result)
    {
        var lines = new List<string>();
        var d = result.Dedupe;
        lines.Add(Line($"  upstream GETs per job per interval: gateway {d.Gateway.GetsPerJobPerInterval:F2} ({d.Gateway.GetsInWindow} GETs in {d.Gateway.IntervalsInWindow} job-intervals, {d.Gateway.GetsTotal} in all)")
            + (d.Baseline is { } b ? Line($"; baseline {b.GetsPerJobPerInterval:F2} ({b.GetsInWindow} GETs); ratio {d.Ratio:F0}:1") : string.Empty));
        var l = result.Latency;
        lines.Add(Line($"  change → client: p50 {l.Total.P50:F1}, p99 {l.Total.P99:F1}, max {l.Total.Max:F1} ms = poll-interval part p50 {l.PollInterval.P50:F1}, p99 {l.PollInterval.P99:F1}, max {l.PollInterval.Max:F1} ms + fan-out part p50 {l.Fanout.P50:F1}, p99 {l.Fanout.P99:F1}, max {l.Fanout.Max:F1} ms ({l.Deliveries} deliveries)"));
        if (l.CrossReplicaHopP99Ms is { } hop)
        {
            lines.Add(Line($"  cross-replica hop: p50 {l.CrossReplicaHopP50Ms:+0.0;-0.0} ms, p99 {hop:+0.0;-0.0} ms (replicas without the lease, via Redis, versus the one polling)"));
        }

        if (l.BaselineTotal is { } bt)
        {
            lines.Add(Line($"  baseline change → polling client: p50 {bt.P50:F1}, p99 {bt.P99:F1}, max {bt.Max:F1} ms"));
        }

        var c = result.FanoutCost;
        lines.Add(Line($"  fan-out cost: gateway {c.GatewayMicrosecondsPerDelivery:F0} µs and client {c.ClientMicrosecondsPerDelivery:F0} µs CPU per delivery; during fan-outs the machine was busy {c.MachineBusyCores:F2} cores: gateway {c.GatewayCores:F2}, client {c.ClientCores:F2}, other processes {c.OtherProcessesCores:F2}"));
        foreach (var r in result.Replicas)
        {
            lines.Add(Line($"  replica {r.Index}: {r.Streams} streams, RSS {r.RssBaseKiB / 1024.0:F0} → {r.RssHoldKiB / 1024.0:F0} MiB (peak {r.RssPeakKiB / 1024.0:F0}) = {r.KiBPerStream:F1} KiB per stream; CPU {r.CpuCoresConnect:F2} cores opening, {r.CpuCoresHold:F3} holding, {r.CpuCoresLifecycle:F3} during changes"));
        }

        foreach (var check in result.Checks)
        {
            lines.Add($"  [{(check.Passed ? "ok" : "FAILED")}] {check.Name}: {check.Detail}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
