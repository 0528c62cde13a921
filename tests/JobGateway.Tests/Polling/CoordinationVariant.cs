using JobGateway.Tests.Infrastructure;

namespace JobGateway.Tests.Polling;

/// <summary>A behaviour suite that runs once per coordination: in memory, and on a real Redis.</summary>
public abstract class CoordinationVariant
{
    /// <summary>Coordination settings of the variant (empty: in memory).</summary>
    protected abstract IDictionary<string, string?> Coordination { get; }

    /// <summary>The variant's settings with <paramref name="extra"/> on top.</summary>
    protected Dictionary<string, string?> With(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(Coordination);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
