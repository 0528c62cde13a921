namespace JobGateway.Bench.Scenarios;

internal sealed record GetJobSettings
{
    public required string Name { get; init; }

    /// <summary>Closed-loop callers; each level is measured for both targets.</summary>
    public required IReadOnlyList<int> Concurrency { get; init; }

    /// <summary>Rounds per level; each round runs both targets, in alternating order, so drift in the machine's load cancels.</summary>
    public required int Rounds { get; init; }

    public required TimeSpan RoundDuration { get; init; }
}
