using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// Writes each distinct violation to the findings folder: the input as found, a minimized input, and a report
/// with the exception. File names derive from the signature, so a rerun overwrites its own files instead of
/// piling up copies.
/// </summary>
internal sealed class FindingWriter(string directory)
{
    /// <summary>Minimizes and writes every finding; returns a summary per finding.</summary>
    public IEnumerable<string> WriteAll(FindingSet findings)
    {
        foreach (var finding in findings.Findings)
        {
            var minimized = Minimizer.Minimize(finding.Target, finding.Input, finding.Violation.Signature);
            var stem = Stem(finding.Target, finding.Violation.Signature);
            var inputPath = Write(stem + finding.Target.FileExtension, finding.Input);
            var minimizedPath = Write(stem + ".min" + finding.Target.FileExtension, minimized);
            Write(stem + ".report.txt", Encoding.UTF8.GetBytes(Report(finding, minimized)));
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"VIOLATION {finding.Violation.Signature} ({finding.Count} inputs)\n    {finding.Violation.Message}\n    minimized input: {Printable.Of(minimized)}\n    saved: {inputPath}, {minimizedPath}");
        }
    }

    /// <summary>Writes an input the replay cannot go on from (a hang) straight away.</summary>
    public string WriteNow(IFuzzTarget target, string signature, byte[] input, string report)
    {
        var stem = Stem(target, signature);
        Write(stem + ".report.txt", Encoding.UTF8.GetBytes(report));
        return Write(stem + target.FileExtension, input);
    }

    private string Write(string name, byte[] content)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, content);
        return Path.GetRelativePath(Environment.CurrentDirectory, path);
    }

    private static string Stem(IFuzzTarget target, string signature) =>
        $"{target.Name}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signature)))[..10]}";

    private static string Report(Finding finding, byte[] minimized) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"""
            signature: {finding.Violation.Signature}
            inputs that hit it in this run: {finding.Count}
            violation: {finding.Violation.Message}
            input ({finding.Input.Length} bytes, printable form): {Printable.Of(finding.Input, 4000)}
            minimized ({minimized.Length} bytes, printable form): {Printable.Of(minimized, 4000)}

            {finding.Violation.InnerException?.ToString() ?? "(no exception: the target returned or refused in a way its contract rules out)"}

            """);
}
