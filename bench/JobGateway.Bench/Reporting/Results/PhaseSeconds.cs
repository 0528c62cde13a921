namespace JobGateway.Bench.Reporting.Results;

/// <summary>How long each phase took, to turn CPU cores back into CPU seconds.</summary>
/// <param name="Connect">Opening every stream.</param>
/// <param name="Hold">Every stream open, no change.</param>
/// <param name="Lifecycle">From the first change until every stream ended.</param>
/// <param name="Baseline">The polling baseline's lifecycle, when it ran.</param>
internal sealed record PhaseSeconds(double Connect, double Hold, double Lifecycle, double? Baseline);
