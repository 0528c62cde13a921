namespace JobGateway.Bench.Reporting;

/// <param name="SortedMs">Samples in milliseconds, sorted ascending.</param>
/// <param name="Color">Index into the chart's palette; by default, the series' position.</param>
internal sealed record ChartSeries(string Label, IReadOnlyList<double> SortedMs, bool Dashed = false, int? Color = null);
