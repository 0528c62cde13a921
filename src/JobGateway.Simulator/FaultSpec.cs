namespace JobGateway.Simulator;

/// <summary>
/// A fault injected into the Krea routes, globally or for one job's <c>GET</c>/<c>DELETE</c>.
/// Give at least one of <see cref="Status"/>, <see cref="Latency"/> or <see cref="Drop"/>;
/// at most one of <see cref="Count"/> and <see cref="Rate"/> (neither: every matching request).
/// </summary>
public sealed class FaultSpec
{
    /// <summary>The HTTP status to answer with (400 to 599) instead of serving the request.</summary>
    public int? Status { get; init; }

    /// <summary>Seconds to announce in a <c>Retry-After</c> header; needs <see cref="Status"/>.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>How many of the next matching requests get the fault; then it is spent and removed.</summary>
    public int? Count { get; init; }

    /// <summary>Share of matching requests that get the fault, in (0, 1], drawn from the seeded random source.</summary>
    public double? Rate { get; init; }

    /// <summary>
    /// Delay before the fault (or, with no status or drop, before the normal answer). Measured by
    /// <see cref="SimulatorOptions.TimeProvider"/>: under a <c>FakeTimeProvider</c> the delay ends
    /// only when the test advances time.
    /// </summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Abort the connection without any response (<c>HttpContext.Abort</c>).</summary>
    public bool Drop { get; init; }

    /// <summary>The <c>error</c> message of the fault's body; default: one that names the simulated fault.</summary>
    public string? Error { get; init; }
}
