using System.Globalization;
using Grpc.Core;
using JobGateway.Bench.Processes;
using JobGateway.Bench.Reporting;
using JobGateway.Bench.Reporting.Results;
using JobGateway.Bench.Scenarios;

namespace JobGateway.Bench.Analysis;

/// <summary>Turns what a watch run recorded into its result, its chart and its checks.</summary>
internal sealed class WatchReport(RunSettings run, WatchSettings settings, Cluster cluster, GatewayOutcome gateway, BaselineOutcome? baseline)
{
    private readonly List<double> totals = [];
    private readonly List<double> polls = [];
    private readonly List<double> fanouts = [];
    private readonly List<double> lastClient = [];
    private readonly List<double> baselineTotals = [];
    private readonly List<double>[] fanoutByReplica = [.. Enumerable.Range(0, settings.Replicas).Select(_ => new List<double>())];
    private readonly List<double>[] totalByReplica = [.. Enumerable.Range(0, settings.Replicas).Select(_ => new List<double>())];
    private readonly List<(DateTime From, DateTime To, int Deliveries)> fanoutWindows = [];
    private readonly List<ChangeResult> changes = [];

    public int Holder { get; private set; }

    public WatchResult Build(MachineInfo machine, DateTime startedAt)
    {
        Holder = gateway.LeasesHeld.Any(l => l is not null)
            ? gateway.LeasesHeld.Select((held, index) => (held ?? 0, index)).MaxBy(p => p.Item1).index
            : 0;
        var latency = Latency();
        var dedupe = Dedupe();
        return new WatchResult(
            settings.Name,
            "watch",
            startedAt,
            Math.Round((DateTime.UtcNow - startedAt).TotalSeconds, 1),
            machine,
            MachineInfo.LoadAverage(),
            new WatchRunSettings(
                settings.Replicas,
                settings.UseRedis,
                settings.Jobs,
                settings.WatchersPerJob,
                settings.Streams,
                settings.Changes,
                run.Interval.TotalMilliseconds,
                settings.Hold.TotalSeconds,
                run.ServerStreamsPerConnection,
                run.ClientStreamsPerConnection,
                gateway.Connections,
                settings.Baseline,
                settings.WarmUp,
                gateway.WarmUpLifecycles,
                run.GatewayArgs,
                run.GatewayEnvironment),
            [.. gateway.Jobs.Select(j => j.Script.ToString()).Distinct()],
            dedupe,
            latency,
            Replicas(),
            Use(cluster.SimulatorSampler),
            cluster.RedisSampler is { } redis ? Use(redis) : null,
            Use(cluster.ClientSampler),
            new PhaseSeconds(
                Seconds(gateway.Times.Primed, gateway.Times.Connected),
                Seconds(gateway.Times.Connected, gateway.Times.HoldEnd),
                Seconds(gateway.Times.Advanced, gateway.Times.Done),
                baseline is null ? null : Seconds(baseline.Times.Advanced, baseline.Times.Done)),
            Cost(),
            changes,
            Checks(dedupe));
    }

    public string Chart(WatchResult result)
    {
        List<ChartSeries> series = [new("change → client", Sorted(totals)), new("poll-interval part", Sorted(polls))];
        if (settings.Replicas > 1)
        {
            series.Add(new ChartSeries($"fan-out part, replica {Holder} (polls)", Sorted(fanoutByReplica[Holder])));
            series.Add(new ChartSeries("fan-out part, other replicas (via Redis)", Sorted(fanoutByReplica.Where((_, r) => r != Holder).SelectMany(f => f))));
        }
        else
        {
            series.Add(new ChartSeries("fan-out part", Sorted(fanouts)));
        }

        series.Add(new ChartSeries("fan-out to the last client, per change", Sorted(lastClient)));
        if (baselineTotals.Count > 0)
        {
            series.Add(new ChartSeries("baseline: change → polling client", Sorted(baselineTotals), Dashed: true));
        }

        var subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"{settings.Jobs} job(s) x {settings.WatchersPerJob} watchers, {settings.Replicas} replica(s){(settings.UseRedis ? " + Redis" : string.Empty)}, poll interval {run.Interval.TotalSeconds:0.###} s; {result.Machine.Cores} cores ({result.Machine.CpuModel}) shared by client and servers; {result.StartedAt:yyyy-MM-dd HH:mm} UTC");
        return SvgChart.Percentiles($"{settings.Name}: change-to-client latency", subtitle, series);
    }

    private static double Seconds(DateTime from, DateTime to) => Math.Round((to - from).TotalSeconds, 3);

    private static List<double> Sorted(IEnumerable<double> values)
    {
        var list = values.ToList();
        list.Sort();
        return list;
    }

    private LatencyResult Latency()
    {
        var unmatched = 0;
        var perChange = new Dictionary<(int Job, int Entry), List<double>>();
        foreach (var watcher in gateway.Watchers)
        {
            var job = gateway.Jobs[watcher.Job];
            foreach (var delivery in LatencySplit.Deliveries(job.Timeline, watcher.Receipts, ref unmatched))
            {
                totals.Add(delivery.TotalMs);
                fanouts.Add(delivery.FanoutMs);
                fanoutByReplica[watcher.Replica].Add(delivery.FanoutMs);
                totalByReplica[watcher.Replica].Add(delivery.TotalMs);
                var key = (watcher.Job, delivery.Entry);
                if (!perChange.TryGetValue(key, out var list))
                {
                    perChange[key] = list = [];
                }

                list.Add(delivery.FanoutMs);
            }
        }

        var notPolled = 0;
        var missed = 0;
        foreach (var job in gateway.Jobs)
        {
            for (var e = 1; e < job.Timeline.Count; e++)
            {
                if (job.Timeline[e].FirstServedAt is not { } served)
                {
                    notPolled++;
                    continue;
                }

                var poll = (served - job.Timeline[e].SetAt).TotalMilliseconds;
                polls.Add(poll);
                var delivered = Sorted(perChange.GetValueOrDefault((job.Index, e)) ?? []);
                missed += settings.WatchersPerJob - delivered.Count;
                if (delivered.Count > 0)
                {
                    lastClient.Add(delivered[^1]);
                    fanoutWindows.Add((served, served.AddMilliseconds(delivered[^1]), delivered.Count));
                }

                var (gatewayCpu, clientCpu, others) = delivered.Count == 0 ? default : CpuDuring(served, served.AddMilliseconds(delivered[^1]));
                changes.Add(new ChangeResult(
                    job.Index,
                    job.Timeline[e].Status,
                    job.Timeline[e].SetAt,
                    Math.Round(poll, 2),
                    delivered.Count,
                    Math.Round(LatencySummary.Percentile(delivered, 50), 2),
                    delivered.Count == 0 ? 0 : Math.Round(delivered[^1], 2),
                    Math.Round(gatewayCpu * 1000, 1),
                    Math.Round(clientCpu * 1000, 1),
                    Math.Round(others, 2)));
            }
        }

        if (baseline is not null)
        {
            var baselineUnmatched = 0;
            foreach (var poller in baseline.Pollers)
            {
                baselineTotals.AddRange(LatencySplit.Deliveries(baseline.Jobs[poller.Job].Timeline, poller.Receipts, ref baselineUnmatched).Select(d => d.TotalMs));
            }
        }

        var byReplica = Enumerable.Range(0, settings.Replicas)
            .Select(r => new ReplicaFanout(r, r == Holder, LatencySummary.Of(Sorted(fanoutByReplica[r])), LatencySummary.Of(Sorted(totalByReplica[r]))))
            .ToList();
        double? hopP50 = null, hopP99 = null;
        if (settings.Replicas > 1)
        {
            var others = Sorted(fanoutByReplica.Where((_, r) => r != Holder).SelectMany(f => f));
            var holder = Sorted(fanoutByReplica[Holder]);
            hopP50 = Math.Round(LatencySummary.Percentile(others, 50) - LatencySummary.Percentile(holder, 50), 2);
            hopP99 = Math.Round(LatencySummary.Percentile(others, 99) - LatencySummary.Percentile(holder, 99), 2);
        }

        return new LatencyResult(
            LatencySummary.Of(Sorted(totals)),
            LatencySummary.Of(Sorted(polls)),
            LatencySummary.Of(Sorted(fanouts)),
            LatencySummary.Of(Sorted(lastClient)),
            byReplica,
            hopP50,
            hopP99,
            baseline is null ? null : LatencySummary.Of(Sorted(baselineTotals)),
            totals.Count,
            unmatched,
            notPolled,
            missed);
    }

    private FanoutCost Cost()
    {
        // Merge overlapping windows (several jobs changing at once) so no CPU second is counted twice.
        var merged = new List<(DateTime From, DateTime To)>();
        foreach (var (from, to, _) in fanoutWindows.OrderBy(w => w.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, to > merged[^1].To ? to : merged[^1].To);
            }
            else
            {
                merged.Add((from, to));
            }
        }

        double wall = 0, gatewayCpu = 0, clientCpu = 0, others = 0;
        foreach (var (from, to) in merged)
        {
            var seconds = cluster.MachineSampler.CpuAround(from, to).WallSeconds;
            var (replicasCpu, benchCpu, otherCores) = CpuDuring(from, to);
            wall += seconds;
            gatewayCpu += replicasCpu;
            clientCpu += benchCpu;
            others += otherCores * seconds;
        }

        var deliveries = fanoutWindows.Sum(w => (long)w.Deliveries);
        double PerDelivery(double cpu) => deliveries == 0 ? 0 : Math.Round(cpu * 1e6 / deliveries, 1);
        double Cores(double cpu) => wall <= 0 ? 0 : Math.Round(cpu / wall, 2);
        return new FanoutCost(
            merged.Count,
            Math.Round(wall, 3),
            deliveries,
            Math.Round(gatewayCpu, 3),
            Math.Round(clientCpu, 3),
            PerDelivery(gatewayCpu),
            PerDelivery(clientCpu),
            Cores(gatewayCpu),
            Cores(clientCpu),
            Cores(others),
            Cores(gatewayCpu + clientCpu + others));
    }

    /// <returns>CPU seconds of the gateway replicas and of the client, and the cores used by processes outside the run.</returns>
    private (double Gateway, double Client, double OtherCores) CpuDuring(DateTime from, DateTime to)
    {
        var (machine, seconds) = cluster.MachineSampler.CpuAround(from, to);
        var gateway = cluster.Replicas.Sum(r => r.Sampler.CpuAround(from, to).CpuSeconds);
        var client = cluster.ClientSampler.CpuAround(from, to).CpuSeconds;
        var ours = gateway + client + cluster.SimulatorSampler.CpuAround(from, to).CpuSeconds + (cluster.RedisSampler?.CpuAround(from, to).CpuSeconds ?? 0);
        return (gateway, client, seconds <= 0 ? 0 : Math.Max(0, machine - ours) / seconds);
    }

    private DedupeResult Dedupe()
    {
        var ours = DedupeFigures.Of(gateway.Jobs);
        if (baseline is null)
        {
            return new DedupeResult(ours, null, null);
        }

        var theirs = DedupeFigures.Of(baseline.Jobs);
        var ratio = ours.GetsPerJobPerInterval > 0 ? Math.Round(theirs.GetsPerJobPerInterval / ours.GetsPerJobPerInterval, 2) : (double?)null;
        return new DedupeResult(ours, theirs, ratio);
    }

    private List<ReplicaResult> Replicas()
    {
        var times = gateway.Times;
        var results = new List<ReplicaResult>();
        foreach (var replica in cluster.Replicas)
        {
            var sampler = replica.Sampler;
            var streams = gateway.Watchers.Count(w => w.Replica == replica.Index);
            var primers = replica.Index == 0 ? settings.Jobs : 0;
            var idle = sampler.MedianRssKiB(times.Ready, times.Ready + TimeSpan.FromSeconds(1));
            var baseRss = sampler.MedianRssKiB(times.Primed - TimeSpan.FromSeconds(1), times.Primed);
            var hold = sampler.MedianRssKiB(times.HoldEnd - (settings.Hold / 2), times.HoldEnd);
            var threads = sampler.Samples.LastOrDefault(s => s.At <= times.HoldEnd).Threads;
            results.Add(new ReplicaResult(
                replica.Index,
                streams,
                gateway.LeasesHeld[replica.Index],
                idle,
                baseRss,
                hold,
                sampler.PeakRssKiB(times.Ready, times.Done),
                streams > primers ? Math.Round((double)(hold - baseRss) / (streams - primers), 2) : 0,
                Math.Round(sampler.CpuCores(times.Primed, times.Connected), 3),
                Math.Round(sampler.CpuCores(times.HoldEnd - (settings.Hold / 2), times.HoldEnd), 3),
                Math.Round(sampler.CpuCores(times.Advanced, times.Done), 3),
                threads));
        }

        return results;
    }

    private ProcessUse Use(ResourceSampler sampler) => new(
        Math.Round(sampler.CpuCores(gateway.Times.Advanced, gateway.Times.Done), 3),
        baseline is null ? null : Math.Round(sampler.CpuCores(baseline.Times.Advanced, baseline.Times.Done), 3),
        sampler.PeakRssKiB(gateway.Times.Ready, baseline?.Times.Done ?? gateway.Times.Done));

    private List<CheckResult> Checks(DedupeResult dedupe)
    {
        var checks = new List<CheckResult>();
        var watchers = gateway.Watchers;
        var ended = watchers.Count(w => w.ReceivedTerminal && w.EndStatus == StatusCode.OK);
        var failures = watchers.Where(w => !(w.ReceivedTerminal && w.EndStatus == StatusCode.OK)).Take(3)
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"stream {w.Index} (replica {w.Replica}): {w.EndStatus?.ToString() ?? "no status"} {w.Error}"));
        checks.Add(new CheckResult(
            "every watcher received the terminal state",
            ended == watchers.Count,
            string.Create(CultureInfo.InvariantCulture, $"{ended}/{watchers.Count} streams received COMPLETED and ended OK") + (ended == watchers.Count ? string.Empty : "; " + string.Join("; ", failures))));

        var unordered = watchers.Count(w => w.Receipts.Zip(w.Receipts.Skip(1)).Any(pair => pair.Second.Revision <= pair.First.Revision));
        checks.Add(new CheckResult(
            "revisions only increase on every stream",
            unordered == 0,
            string.Create(CultureInfo.InvariantCulture, $"{unordered} streams received a duplicate or an older revision")));

        // Exactly one GET per interval; one more or one fewer only when a lease moved or a poll landed on the
        // window's edge. A gateway that polled per watcher or per replica is off by a multiple.
        var figures = dedupe.Gateway;
        var offJobs = figures.PerJob.Where(j => Math.Abs(j.GetsInWindow - j.Intervals) > 1).ToList();
        var exact = figures.GetsInWindow == figures.IntervalsInWindow;
        checks.Add(new CheckResult(
            "one upstream GET per job per interval",
            offJobs.Count == 0 && figures.PerJob.Count == gateway.Jobs.Count,
            string.Create(CultureInfo.InvariantCulture, $"{figures.GetsInWindow} GETs in {figures.IntervalsInWindow} job-intervals = {figures.GetsPerJobPerInterval:F2} per job per interval{(exact ? " (exact)" : string.Empty)} for {settings.WatchersPerJob} watchers per job on {settings.Replicas} replica(s)")
                + (offJobs.Count == 0 ? string.Empty : "; off by more than one: " + string.Join(", ", offJobs.Select(j => string.Create(CultureInfo.InvariantCulture, $"{j.JobId} {j.GetsInWindow} GETs in {j.Intervals} intervals"))))));

        checks.Add(new CheckResult("the run finished in time", !gateway.TimedOut && baseline?.TimedOut != true, gateway.TimedOut ? "watch streams timed out" : baseline?.TimedOut == true ? "baseline pollers timed out" : "yes"));
        if (baseline is not null)
        {
            var done = baseline.Pollers.Count(p => p.ReceivedTerminal);
            checks.Add(new CheckResult(
                "every polling client saw the terminal state",
                done == baseline.Pollers.Count,
                string.Create(CultureInfo.InvariantCulture, $"{done}/{baseline.Pollers.Count}")));
        }

        return checks;
    }
}
