namespace JobGateway.Bench.Reporting.Results;

/// <summary>A timing-independent property of a run; a failed one makes the bench exit non-zero.</summary>
internal sealed record CheckResult
{
    private const int MaxDetail = 400;

    public CheckResult(string name, bool passed, string detail)
    {
        Name = name;
        Passed = passed;
        Detail = detail.Length <= MaxDetail ? detail : string.Concat(detail.AsSpan(0, MaxDetail), "…");
    }

    public string Name { get; }

    public bool Passed { get; }

    public string Detail { get; }
}
