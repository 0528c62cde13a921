namespace JobGateway.Bench.Reporting;

/// <summary>A latency distribution in milliseconds (nearest-rank percentiles).</summary>
internal sealed record LatencySummary(int Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0);

    /// <param name="sortedMs">Samples in milliseconds, sorted ascending.</param>
    public static LatencySummary Of(IReadOnlyList<double> sortedMs) => sortedMs.Count == 0
        ? Empty
        : new LatencySummary(
            sortedMs.Count,
            Round(Percentile(sortedMs, 50)),
            Round(Percentile(sortedMs, 90)),
            Round(Percentile(sortedMs, 99)),
            Round(Percentile(sortedMs, 99.9)),
            Round(sortedMs[^1]),
            Round(sortedMs.Average()));

    public static double Percentile(IReadOnlyList<double> sortedMs, double percentile)
    {
        if (sortedMs.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sortedMs.Count);
        return sortedMs[Math.Clamp(rank - 1, 0, sortedMs.Count - 1)];
    }

    private static double Round(double value) => Math.Round(value, 2);
}
