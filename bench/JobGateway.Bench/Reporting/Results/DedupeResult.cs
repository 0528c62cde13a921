using JobGateway.Bench.Analysis;

namespace JobGateway.Bench.Reporting.Results;

/// <param name="Ratio">Baseline GETs per job per interval over the gateway's.</param>
internal sealed record DedupeResult(DedupeFigures Gateway, DedupeFigures? Baseline, double? Ratio);
