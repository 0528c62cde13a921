using System.Globalization;
using System.Security;
using System.Text;

namespace JobGateway.Bench.Reporting;

/// <summary>
/// A latency-by-percentile chart as a self-contained SVG (no package needed): x is the percentile on a
/// "nines" scale (0 %, 90 %, 99 %, 99.9 %, …), y the latency on a log scale, one line per series.
/// </summary>
internal static class SvgChart
{
    private const int Width = 960;
    private const int PlotHeight = 400;
    private const int Left = 80;
    private const int Right = 30;
    private const int Top = 64;
    private const int Bottom = 64;
    private const int LegendLine = 20;
    private const int PointsPerSeries = 400;

    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    public static string Percentiles(string title, string subtitle, IReadOnlyList<ChartSeries> series)
    {
        var drawn = series.Where(s => s.SortedMs.Count > 0).ToList();

        // The legend goes under the plot, so it never hides a line.
        var height = Top + PlotHeight + Bottom + 12 + (drawn.Count * LegendLine);
        var maxNines = Math.Clamp(Math.Ceiling(drawn.Select(s => Math.Log10(s.SortedMs.Count)).DefaultIfEmpty(1).Max()), 1, 5);
        var low = drawn.SelectMany(s => s.SortedMs).Where(v => v > 0).DefaultIfEmpty(1).Min();
        var high = drawn.Select(s => s.SortedMs[^1]).DefaultIfEmpty(10).Max();
        var yMin = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(low, 0.01))));
        var yMax = Math.Pow(10, Math.Ceiling(Math.Log10(Math.Max(high, yMin * 10))));
        if (yMax <= yMin * 1.0001)
        {
            yMax = yMin * 10;
        }

        const int PlotBottom = Top + PlotHeight;
        double X(double nines) => Left + (nines / maxNines * (Width - Left - Right));
        double Y(double ms) => PlotBottom - ((Math.Log10(Math.Clamp(ms, yMin, yMax)) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * PlotHeight);

        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Append(svg, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"white\"/>");
        Append(svg, $"<text x=\"{Left}\" y=\"26\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>");
        Append(svg, $"<text x=\"{Left}\" y=\"46\" fill=\"#555\">{Escape(subtitle)}</text>");

        // Grid: decades with 2 and 5 between them on y; one line per nine on x.
        for (var decade = yMin; decade < yMax * 1.0001; decade *= 10)
        {
            foreach (var step in new[] { 1.0, 2.0, 5.0 })
            {
                var value = decade * step;
                if (value > yMax * 1.0001)
                {
                    break;
                }

                var y = Y(value);
                Append(svg, $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\" stroke=\"{(step == 1 ? "#ccc" : "#eee")}\"/>");
                Append(svg, $"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" fill=\"#333\">{FormatMs(value)}</text>");
            }
        }

        for (var nines = 0; nines <= maxNines; nines++)
        {
            var x = X(nines);
            Append(svg, $"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{PlotBottom}\" stroke=\"#ddd\"/>");
            Append(svg, $"<text x=\"{x:F1}\" y=\"{PlotBottom + 18}\" text-anchor=\"middle\" fill=\"#333\">{PercentileLabel(nines)}</text>");
        }

        Append(svg, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{PlotHeight}\" fill=\"none\" stroke=\"#888\"/>");
        Append(svg, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{PlotBottom + 40}\" text-anchor=\"middle\">percentile</text>");
        Append(svg, $"<text x=\"18\" y=\"{Top + (PlotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Top + (PlotHeight / 2)})\">latency (ms, log scale)</text>");

        for (var i = 0; i < drawn.Count; i++)
        {
            var s = drawn[i];
            var color = Palette[(s.Color ?? i) % Palette.Length];
            var points = new StringBuilder();
            var seriesNines = Math.Min(Math.Log10(s.SortedMs.Count), maxNines);
            for (var p = 0; p <= PointsPerSeries; p++)
            {
                var nines = seriesNines * p / PointsPerSeries;
                var value = LatencySummary.Percentile(s.SortedMs, 100 * (1 - Math.Pow(10, -nines)));
                Append(points, $"{X(nines):F1},{Y(value):F1} ");
            }

            Append(points, $"{X(seriesNines):F1},{Y(s.SortedMs[^1]):F1}");
            var dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
            Append(svg, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{points}\"/>");

            var legendY = PlotBottom + Bottom + 12 + (i * LegendLine);
            Append(svg, $"<line x1=\"{Left + 12}\" y1=\"{legendY - 4}\" x2=\"{Left + 40}\" y2=\"{legendY - 4}\" stroke=\"{color}\" stroke-width=\"3\"{dash}/>");
            var summary = LatencySummary.Of(s.SortedMs);
            Append(svg, $"<text x=\"{Left + 46}\" y=\"{legendY}\">{Escape(s.Label)}: p50 {FormatMs(summary.P50)}, p99 {FormatMs(summary.P99)}, max {FormatMs(summary.Max)} ms (n = {summary.Count})</text>");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string PercentileLabel(int nines) => nines switch
    {
        0 => "0%",
        1 => "90%",
        2 => "99%",
        3 => "99.9%",
        4 => "99.99%",
        _ => "99.999%",
    };

    private static string FormatMs(double ms) => ms switch
    {
        >= 100 => ms.ToString("F0", CultureInfo.InvariantCulture),
        >= 1 => ms.ToString("0.#", CultureInfo.InvariantCulture),
        _ => ms.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static void Append(StringBuilder builder, FormattableString text) => builder.Append(text.ToString(CultureInfo.InvariantCulture));
}
