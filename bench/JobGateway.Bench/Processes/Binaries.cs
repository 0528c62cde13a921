using System.Diagnostics;

namespace JobGateway.Bench.Processes;

/// <summary>Finds the repository and the gateway and simulator builds the bench runs.</summary>
internal static class Binaries
{
    public const string GatewayProject = "src/JobGateway";

    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "JobGateway.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new BenchException("Cannot find the repository (JobGateway.sln) above the current directory; run the bench from inside the repository.");
    }

    public static string GatewayDll(string repoRoot, string configuration) =>
        Path.Combine(repoRoot, "src", "JobGateway", "bin", configuration, "net10.0", "JobGateway.dll");

    public static string SimulatorDll(string repoRoot, string configuration) =>
        Path.Combine(repoRoot, "src", "JobGateway.Simulator", "bin", configuration, "net10.0", "JobGateway.Simulator.dll");

    /// <summary><c>dotnet build src/JobGateway -c configuration</c>, which builds the simulator too.</summary>
    public static async Task BuildAsync(string repoRoot, string configuration, CancellationToken cancellationToken)
    {
        Console.WriteLine($"bench: dotnet build {GatewayProject} -c {configuration}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = repoRoot, UseShellExecute = false };
        foreach (var argument in new[] { "build", GatewayProject, "-c", configuration, "-nologo", "-clp:ErrorsOnly" })
        {
            info.ArgumentList.Add(argument);
        }

        using var build = Process.Start(info) ?? throw new BenchException("Could not start dotnet build");
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new BenchException($"dotnet build {GatewayProject} -c {configuration} failed (exit code {build.ExitCode})");
        }
    }

    public static void RequireExists(string path, string what, string configuration)
    {
        if (!File.Exists(path))
        {
            throw new BenchException($"{what} not found at {path}. Build it first (dotnet build {GatewayProject} -c {configuration}), pass --build, or give its path.");
        }
    }
}
