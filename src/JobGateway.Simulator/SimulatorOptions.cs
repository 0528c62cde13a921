using Microsoft.Extensions.Logging;

namespace JobGateway.Simulator;

/// <summary>
/// Settings of a simulated Krea upstream, bound from the configuration section
/// <c>Simulator</c> (<see cref="SectionName"/>) when run on its own.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Simulator";

    /// <summary>
    /// The clock that drives every job lifecycle and every injected latency. Tests pass a
    /// <c>FakeTimeProvider</c>: jobs then change status only when the test advances time.
    /// Kestrel's own timeouts keep using the system clock.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Accepted bearer tokens, each mapped to the workspace it belongs to. A job is visible
    /// only to tokens of the workspace that created it. Configured entries are added to the
    /// defaults <c>demo-token</c> → <c>demo</c> and <c>other-token</c> → <c>other</c>.
    /// </summary>
    public IDictionary<string, string> Workspaces { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["demo-token"] = "demo",
        ["other-token"] = "other",
    };

    /// <summary>
    /// Seed of the random source behind fault rates and the number of result URLs; null
    /// seeds from the system. With a seed, a sequence of requests sent one after another
    /// meets the same faults on every run.
    /// </summary>
    public int? RandomSeed { get; set; }

    /// <summary>
    /// Where Kestrel listens, as <c>http://host:port</c> (several separated by <c>;</c>);
    /// port 0 picks a free port, see <see cref="SimulatorHost.BaseAddress"/>. Plain HTTP only;
    /// each endpoint serves HTTP/1.1 and HTTP/2 with prior knowledge (h2c). Keep it on a
    /// loopback address: the control API has no authentication.
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>
    /// Where the simulator and its Kestrel server log; null logs nowhere. A host that embeds
    /// the simulator passes its own factory. Not owned: the simulator never disposes it.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
