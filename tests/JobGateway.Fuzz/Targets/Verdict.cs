namespace JobGateway.Fuzz.Targets;

/// <summary>What the target did with an input that kept to its contract.</summary>
internal enum Verdict
{
    /// <summary>The target returned a value (a job, a canonical id).</summary>
    Accepted,

    /// <summary>The target refused the input with the one exception type its contract allows.</summary>
    Rejected,
}
