using System.Globalization;
using System.Text.Json.Nodes;

namespace JobGateway.Bench.Upstream;

/// <summary>
/// A job's scripted lifecycle: queued until the bench advances it (so every watcher is connected before
/// the first change), then timed steps, then completed. Step lengths are drawn from 1.25 to 2.75 poll
/// intervals, so each change lands at a different phase of the poll schedule, and they add up to a whole
/// number of intervals (<see cref="Intervals"/>): a poller with a fixed interval then makes exactly that
/// many requests between the first change and the terminal one, whatever its phase.
/// </summary>
internal sealed record LifecycleScript(IReadOnlyList<LifecycleStep> Steps, int Intervals)
{
    public const string Outcome = "completed";

    private static readonly string[] Cycle = ["processing", "sampling", "intermediate-complete"];

    /// <param name="changes">Status changes after the advance, the terminal one included; at least 2.</param>
    public static LifecycleScript Create(Random random, int changes, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(changes, 2);
        var timed = changes - 1;
        var steps = new List<LifecycleStep>(timed);
        var units = 0.0;
        for (var i = 0; i < timed; i++)
        {
            // The last step rounds the total up to whole intervals and stays at least 1.25 intervals long.
#pragma warning disable CA5394 // A seeded, reproducible schedule, not a secret.
            var length = i < timed - 1 ? 1.25 + (1.5 * random.NextDouble()) : Math.Ceiling(units + 1.25) - units;
#pragma warning restore CA5394
            length = Math.Round(length, 3);
            units += length;
            steps.Add(new LifecycleStep(Cycle[i % Cycle.Length], length * interval.TotalSeconds));
        }

        return new LifecycleScript(steps, (int)Math.Round(units));
    }

    /// <summary>A short lifecycle for warming up: <paramref name="changes"/> changes, 1.25 intervals apart.</summary>
    public static LifecycleScript WarmUp(int changes, TimeSpan interval) =>
        new([.. Enumerable.Range(0, changes - 1).Select(i => new LifecycleStep(Cycle[i % Cycle.Length], 1.25 * interval.TotalSeconds))], 0);

    /// <summary>The <c>simulation</c> object of the create request.</summary>
    public JsonObject ToSimulation()
    {
        var steps = new JsonArray { new JsonObject { ["status"] = "queued", ["seconds"] = null } };
        foreach (var step in Steps)
        {
            steps.Add(new JsonObject { ["status"] = step.Status, ["seconds"] = step.Seconds });
        }

        return new JsonObject { ["steps"] = steps, ["outcome"] = Outcome };
    }

    public override string ToString() =>
        "queued → " + string.Join(" → ", Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Status} {s.Seconds:F2} s"))) + " → " + Outcome;
}
