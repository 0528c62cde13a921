namespace JobGateway.Bench.Scenarios;

/// <summary>When each phase of a run began and ended (UTC), to read resource samples back by phase.</summary>
internal sealed class PhaseTimes
{
    public DateTime Ready { get; set; }

    /// <summary>After one stream per job is open (the idle-to-base memory step).</summary>
    public DateTime Primed { get; set; }

    public DateTime Connected { get; set; }

    public DateTime HoldEnd { get; set; }

    public DateTime Advanced { get; set; }

    public DateTime Done { get; set; }
}
