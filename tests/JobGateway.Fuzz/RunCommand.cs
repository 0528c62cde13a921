using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz;

/// <summary><c>run &lt;target&gt; &lt;file|folder&gt;...</c>: runs saved inputs once each, to reproduce a finding or triage afl-fuzz crashes.</summary>
internal static class RunCommand
{
    public static int Run(IFuzzTarget target, IEnumerable<string> paths, TextWriter output)
    {
        var violations = 0;
        List<string> files = [.. paths.SelectMany(path => Directory.Exists(path)
            ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[path])];
        foreach (var file in files)
        {
            try
            {
                var result = ContractGuard.Run(target, File.ReadAllBytes(file));
                var note = result.Note is null ? "" : $" [note: {result.Note}]";
                output.WriteLine($"{file}: {result.Verdict.ToString().ToLowerInvariant()}: {result.Detail}{note}");
            }
            catch (ContractViolationException ex)
            {
                violations++;
                output.WriteLine($"{file}: VIOLATION {ex.Signature}\n    {ex.Message}\n{ex.InnerException}");
            }
        }

        output.WriteLine($"fuzz: {files.Count} inputs, {violations} violations");
        return violations == 0 ? 0 : 1;
    }
}
