using System.Globalization;
using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>Settings of <c>replay</c>; every default is what CI runs.</summary>
internal sealed record ReplayOptions
{
    public const int DefaultIterations = 10000;

    public IReadOnlyList<IFuzzTarget> Targets { get; init; } = FuzzTargets.All;

    /// <summary>Mutations per corpus file.</summary>
    public int Iterations { get; init; } = DefaultIterations;

    public int Seed { get; init; } = 20240601;

    public string CorpusDirectory { get; init; } = ProjectPaths.Corpus;

    public string FindingsDirectory { get; init; } = ProjectPaths.Findings;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Mutated inputs are cut to this; the stress inputs cover large bodies.</summary>
    public int MaxLength { get; init; } = 64 * 1024;

    public bool Stress { get; init; } = true;

    /// <summary>Worker threads; the outcome is the same for any number.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Parses <c>replay</c>'s arguments; returns null and writes why when they are wrong.</summary>
    public static ReplayOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var options = new ReplayOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--no-stress")
            {
                options = options with { Stress = false };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error.WriteLine($"replay: {name} needs a value");
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--iterations" when int.TryParse(value, CultureInfo.InvariantCulture, out var iterations) && iterations >= 0:
                    options = options with { Iterations = iterations };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--timeout" when double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    options = options with { Timeout = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--max-length" when int.TryParse(value, CultureInfo.InvariantCulture, out var maxLength) && maxLength > 0:
                    options = options with { MaxLength = maxLength };
                    break;
                case "--workers" when int.TryParse(value, CultureInfo.InvariantCulture, out var workers) && workers > 0:
                    options = options with { Workers = workers };
                    break;
                case "--corpus":
                    options = options with { CorpusDirectory = Path.GetFullPath(value) };
                    break;
                case "--findings":
                    options = options with { FindingsDirectory = Path.GetFullPath(value) };
                    break;
                case "--target" when FuzzTargets.Find(value) is { } target:
                    options = options with { Targets = [target] };
                    break;
                default:
                    error.WriteLine($"replay: bad option {name} {value}");
                    return null;
            }
        }

        return options;
    }
}
