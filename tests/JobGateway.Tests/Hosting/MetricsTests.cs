using JobGateway.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Tests.Hosting;

/// <summary>
/// OpenTelemetry listens to meters by name across the process, so these tests run alone: another
/// gateway host in the same test process would add its counts to the scrape.
/// </summary>
[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterAScriptedWatch_ExposeTheNamedMetricsWithCorrectValues()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true);
        using var http = new HttpClient { BaseAddress = harness.Node.HttpAddress };
        var jobId = await harness.Simulator.CreateJobAsync();
        var watchers = Enumerable.Range(0, 5).Select(_ => WatchRecorder.Start(harness.Client, jobId, cancellationToken: TestContext.Current.CancellationToken)).ToArray();
        await Eventually.TrueAsync(() => watchers.All(w => w.Count == 1), "first state");
        await harness.Simulator.SetStatusAsync(jobId, "processing");
        harness.Advance(TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => watchers.All(w => w.Count == 2), "second state");

        var open = await ScrapeAsync(http, "jobgateway_watch_streams");
        await harness.Simulator.SetStatusAsync(jobId, "completed");
        harness.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(watchers.Select(w => w.Completion));
        await Eventually.TrueAsync(async () => await ScrapeAsync(http, "jobgateway_watch_streams") == 0, "the gauge drops when the streams end");

        Assert.Equal(5, open);
        Assert.Equal(3, await ScrapeAsync(http, "jobgateway_upstream_requests_total{", "status=\"200\""));
        // 3 polls, each served 5 watchers; a watcher that joined after the first poll was served its snapshot.
        Assert.Equal(3 * 4, await ScrapeAsync(http, "jobgateway_upstream_polls_saved_total"));
        Assert.Equal(3 * 5, await ScrapeAsync(http, "jobgateway_fanout_duration_milliseconds_count"));
        Assert.True(await ScrapeAsync(http, "jobgateway_poll_groups") >= 0);
        Assert.True(await ScrapeAsync(http, "jobgateway_leases_held") >= 0);

        // A GetJob answered from the retained terminal snapshot is one more poll saved, and no upstream request.
        await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(), cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(async () => await ScrapeAsync(http, "jobgateway_upstream_polls_saved_total") == 3 * 4 + 1, "the GetJob counts as saved");
        Assert.Equal(3, await ScrapeAsync(http, "jobgateway_upstream_requests_total{", "status=\"200\""));
    }

    /// <summary>The sum of the samples of one metric in the Prometheus text format.</summary>
    private static async Task<double> ScrapeAsync(HttpClient http, string metric, string? labelFilter = null)
    {
        var text = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(metric, StringComparison.Ordinal) && (metric.EndsWith('{') || line.Length > metric.Length && line[metric.Length] is ' ' or '{')
                && (labelFilter is null || line.Contains(labelFilter, StringComparison.Ordinal)))
            {
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                sum += double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}
