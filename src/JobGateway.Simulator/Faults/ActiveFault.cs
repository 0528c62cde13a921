namespace JobGateway.Simulator.Faults;

/// <summary>An installed fault and what is left of its count.</summary>
internal sealed class ActiveFault(FaultSpec spec)
{
    private long remaining = spec.Count ?? long.MaxValue;

    public FaultSpec Spec { get; } = spec;

    public bool IsSpent => Volatile.Read(ref remaining) <= 0;

    /// <summary>Decides whether this request gets the fault, consuming one of the count if so.</summary>
    public bool TryFire(Func<double> nextDouble)
    {
        if (Spec.Rate is { } rate)
        {
            return nextDouble() < rate;
        }

        if (Spec.Count is null)
        {
            return true;
        }

        while (true)
        {
            var left = Volatile.Read(ref remaining);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref remaining, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
