using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace JobGateway.Bench.Reporting;

/// <summary>Where a run happened and what it ran: recorded in every result, since the figures only mean something beside it.</summary>
/// <param name="Commit">The repository's HEAD when the bench ran.</param>
/// <param name="WorkingTreeChanged">src/ differed from HEAD.</param>
/// <param name="GatewayDll">The gateway that ran, relative to the repository when inside it.</param>
/// <param name="GatewayBuiltAt">When that dll was written: a build from outside the repository may be of another commit (see <paramref name="Label"/>).</param>
internal sealed record MachineInfo(
    int Cores,
    string CpuModel,
    double MemoryGiB,
    string Kernel,
    string Runtime,
    string Commit,
    bool WorkingTreeChanged,
    string GatewayDll,
    DateTime GatewayBuiltAt,
    string? Label,
    string LoadAverageAtStart)
{
    public static MachineInfo Collect(RunSettings run) => new(
        Environment.ProcessorCount,
        ReadValue("/proc/cpuinfo", "model name") ?? "unknown",
        Math.Round((ParseKiB(ReadValue("/proc/meminfo", "MemTotal")) ?? 0) / 1024.0 / 1024.0, 1),
        ReadFirstLine("/proc/sys/kernel/osrelease"),
        RuntimeInformation.FrameworkDescription,
        Git(run.RepoRoot, "rev-parse", "--short=12", "HEAD"),
        Git(run.RepoRoot, "status", "--porcelain", "--", "src").Length > 0,
        run.GatewayDll.StartsWith(run.RepoRoot, StringComparison.Ordinal) ? Path.GetRelativePath(run.RepoRoot, run.GatewayDll) : run.GatewayDll,
        File.GetLastWriteTimeUtc(run.GatewayDll),
        run.Label,
        LoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages: how busy the shared machine was.</summary>
    public static string LoadAverage() => string.Join(' ', ReadFirstLine("/proc/loadavg").Split(' ').Take(3));

    private static string? ReadValue(string path, string key)
    {
        try
        {
            return File.ReadLines(path)
                .Where(line => line.StartsWith(key, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? ParseKiB(string? value) =>
        value is not null && long.TryParse(value.Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;

    private static string ReadFirstLine(string path)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault()?.Trim() ?? string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string Git(string repoRoot, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git") { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var git = Process.Start(info);
            if (git is null)
            {
                return string.Empty;
            }

            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return string.Empty;
        }
    }
}
