using System.Globalization;
using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>What one target did with one corpus file's inputs, or, merged, over the whole replay.</summary>
internal sealed class TargetStats
{
    private readonly Dictionary<string, (long Count, string Example)> notes = new(StringComparer.Ordinal);

    public long Inputs { get; private set; }

    public long Accepted { get; private set; }

    public long Rejected { get; private set; }

    public long Violations { get; private set; }

    public TimeSpan Slowest { get; private set; }

    public string SlowestInput { get; private set; } = "";

    /// <summary>Bytes the call allocated per input byte, over inputs of 1 KiB or more (smaller ones measure fixed costs).</summary>
    public double MostBytesPerByte { get; private set; }

    public string MostBytesPerByteInput { get; private set; } = "";

    public IEnumerable<(string Note, long Count, string Example)> Notes =>
        notes.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value.Count, pair.Value.Example));

    /// <param name="source">The corpus file or stress input the input came from.</param>
    /// <param name="mutation">Which mutation of it, or -1 for the source itself.</param>
    /// <param name="input">The input.</param>
    /// <param name="result">What the target did.</param>
    public void Observe(string source, int mutation, byte[] input, TargetResult result)
    {
        Inputs++;
        if (result.Verdict == Verdict.Accepted)
        {
            Accepted++;
        }
        else
        {
            Rejected++;
        }

        if (result.Elapsed > Slowest)
        {
            Slowest = result.Elapsed;
            SlowestInput = Label(source, mutation);
        }

        var perByte = (double)result.AllocatedBytes / input.Length;
        if (input.Length >= 1024 && perByte > MostBytesPerByte)
        {
            MostBytesPerByte = perByte;
            MostBytesPerByteInput = Label(source, mutation);
        }

        if (result.Note is { } note)
        {
            notes[note] = notes.TryGetValue(note, out var seen) ? (seen.Count + 1, seen.Example) : (1, Printable.Of(input, 160));
        }
    }

    public void ObserveViolation()
    {
        Inputs++;
        Violations++;
    }

    /// <summary>Adds another file's numbers; merging in file order keeps the examples deterministic.</summary>
    public void Merge(TargetStats other)
    {
        Inputs += other.Inputs;
        Accepted += other.Accepted;
        Rejected += other.Rejected;
        Violations += other.Violations;
        if (other.Slowest > Slowest)
        {
            Slowest = other.Slowest;
            SlowestInput = other.SlowestInput;
        }

        if (other.MostBytesPerByte > MostBytesPerByte)
        {
            MostBytesPerByte = other.MostBytesPerByte;
            MostBytesPerByteInput = other.MostBytesPerByteInput;
        }

        foreach (var (note, (count, example)) in other.notes)
        {
            notes[note] = notes.TryGetValue(note, out var seen) ? (seen.Count + count, seen.Example) : (count, example);
        }
    }

    private static string Label(string source, int mutation) =>
        mutation < 0 ? source : string.Create(CultureInfo.InvariantCulture, $"{source}, mutation #{mutation}");
}
