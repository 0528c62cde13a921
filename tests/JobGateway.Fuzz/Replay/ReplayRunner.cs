using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// <c>replay</c>: every corpus file, then a fixed number of seeded mutations of each, then the stress inputs,
/// all through <see cref="ContractGuard"/>. No instrumentation and the same inputs on every run: fit for CI.
/// Corpus files are spread over worker threads; each has its own generator and results are merged in file
/// order, so the outcome does not depend on the number of workers or on scheduling.
/// </summary>
internal sealed class ReplayRunner(ReplayOptions options, TextWriter output)
{
    private long totalInputs;
    private long totalViolations;

    public int Run()
    {
        var writer = new FindingWriter(options.FindingsDirectory);
        var findings = new FindingSet();
        using var watchdog = new Watchdog(options.Workers, options.Timeout, writer, output, ClosingLine);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"replay: seed {options.Seed}, {options.Iterations} mutations per corpus file, {options.Workers} workers, corpus {Path.GetRelativePath(Environment.CurrentDirectory, options.CorpusDirectory)}"));

        foreach (var target in options.Targets)
        {
            var corpus = LoadCorpus(target);
            if (corpus.Count == 0)
            {
                output.WriteLine($"replay: no corpus files in {Path.Combine(options.CorpusDirectory, target.Name)}");
                output.WriteLine(ClosingLine());
                return 2;
            }

            findings.Merge(RunTarget(target, corpus, watchdog));
        }

        foreach (var line in writer.WriteAll(findings))
        {
            output.WriteLine(line);
        }

        output.WriteLine(ClosingLine());
        return totalViolations == 0 ? 0 : 1;
    }

    private string ClosingLine() => ClosingLine(0);

    private string ClosingLine(long uncounted) =>
        string.Create(CultureInfo.InvariantCulture, $"fuzz: {Interlocked.Read(ref totalInputs)} inputs, {Interlocked.Read(ref totalViolations) + uncounted} violations");

    private List<(string Name, byte[] Data)> LoadCorpus(IFuzzTarget target)
    {
        var directory = Path.Combine(options.CorpusDirectory, target.Name);
        return Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(path => (Path.GetFileName(path), File.ReadAllBytes(path)))]
            : [];
    }

    private FindingSet RunTarget(IFuzzTarget target, List<(string Name, byte[] Data)> corpus, Watchdog watchdog)
    {
        var clock = Stopwatch.StartNew();
        var seeds = corpus.Select(file => file.Data).ToList();
        var mutator = MutatorFor(target);
        var stress = options.Stress ? StressInputs.For(target).ToList() : [];

        // The few heavy stress inputs go first so that no worker is left alone with one at the end.
        var jobs = stress.Count + corpus.Count;
        var results = new (TargetStats Stats, FindingSet Findings, string? Line)[jobs];
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        var workers = Enumerable.Range(0, options.Workers).Select(lane => new Thread(() =>
        {
            try
            {
                for (var job = Interlocked.Increment(ref next); job < jobs; job = Interlocked.Increment(ref next))
                {
                    results[job] = job < stress.Count
                        ? RunStress(target, stress[job], lane, watchdog)
                        : RunFile(target, corpus[job - stress.Count], seeds, mutator, lane, watchdog);
                }
            }
#pragma warning disable CA1031 // A harness bug on a worker is rethrown on the main thread below.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(ex);
                Interlocked.Exchange(ref next, jobs);
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        workers.ForEach(worker => worker.Join());
        failure?.Throw();

        var stats = new TargetStats();
        var findings = new FindingSet();
        foreach (var (fileStats, fileFindings, _) in results)
        {
            stats.Merge(fileStats);
            findings.Merge(fileFindings);
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{target.Name}: {corpus.Count} corpus files, {(long)corpus.Count * options.Iterations} mutations, {stress.Count} stress inputs: {stats.Inputs} inputs, {stats.Accepted} accepted, {stats.Rejected} rejected, {stats.Violations} violations ({clock.Elapsed.TotalSeconds:0.0} s)"));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  slowest call {stats.Slowest.TotalMilliseconds:0.0} ms ({stats.SlowestInput}); most memory {stats.MostBytesPerByte:0.0} bytes allocated per input byte ({stats.MostBytesPerByteInput})"));
        foreach (var (_, _, line) in results.Take(stress.Count))
        {
            output.WriteLine(line);
        }

        foreach (var (note, count, example) in stats.Notes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  note ({count} inputs, not a violation): {note}; e.g. {example}"));
        }

        return findings;
    }

    private (TargetStats, FindingSet, string?) RunFile(
        IFuzzTarget target, (string Name, byte[] Data) file, List<byte[]> seeds, Mutator mutator, int lane, Watchdog watchdog)
    {
        var stats = new TargetStats();
        var findings = new FindingSet();
        Execute(target, file.Data, file.Name, -1, lane, watchdog, stats, findings);

        // One generator per file: adding a seed leaves every other file's mutations as they were.
        var random = new Random(StableHash(options.Seed, target.Name, file.Name));
        for (var i = 0; i < options.Iterations; i++)
        {
            Execute(target, mutator.Next(file.Data, seeds, random), file.Name, i, lane, watchdog, stats, findings);
        }

        return (stats, findings, null);
    }

    private (TargetStats, FindingSet, string?) RunStress(IFuzzTarget target, (string Name, byte[] Data) stress, int lane, Watchdog watchdog)
    {
        var stats = new TargetStats();
        var findings = new FindingSet();
        Execute(target, stress.Data, "stress: " + stress.Name, -1, lane, watchdog, stats, findings);
        var outcome = stats.Violations > 0
            ? "VIOLATION (see below)"
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{(stats.Accepted > 0 ? "accepted" : "rejected")} in {stats.Slowest.TotalMilliseconds:0} ms, {stats.MostBytesPerByte:0.0} bytes allocated per input byte");
        return (stats, findings, string.Create(CultureInfo.InvariantCulture, $"  stress {stress.Name} ({stress.Data.Length} bytes): {outcome}"));
    }

    private void Execute(IFuzzTarget target, byte[] input, string source, int mutation, int lane, Watchdog watchdog, TargetStats stats, FindingSet findings)
    {
        Interlocked.Increment(ref totalInputs);
        watchdog.Begin(lane, target, input);
        try
        {
            stats.Observe(source, mutation, input, ContractGuard.Run(target, input));
        }
        catch (ContractViolationException ex)
        {
            Interlocked.Increment(ref totalViolations);
            stats.ObserveViolation();
            findings.Record(target, input, ex);
        }
        finally
        {
            watchdog.End(lane);
        }
    }

    private Mutator MutatorFor(IFuzzTarget target) => target switch
    {
        JobIdTarget => new Mutator(new ByteMutator(JobIdMutator.Tokens), new JobIdMutator(), options.MaxLength),
        _ => new Mutator(new ByteMutator(JsonDictionary.Tokens), new JsonMutator(), options.MaxLength),
    };

    // string.GetHashCode is randomized per process; the replay must not be.
    private static int StableHash(int seed, string target, string file)
    {
        var hash = (uint)seed ^ 2166136261;
        foreach (var c in target + "/" + file)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }
}
