using System.Reflection;

namespace JobGateway.Fuzz;

/// <summary>
/// The project folder, recorded at build time, so corpus/ and findings/ resolve the same way from the
/// repository root, from this folder, or from CI's clone.
/// </summary>
internal static class ProjectPaths
{
    public static string ProjectDirectory { get; } = Find();

    public static string Corpus => Path.Combine(ProjectDirectory, "corpus");

    public static string Findings => Path.Combine(ProjectDirectory, "findings");

    private static string Find()
    {
        var recorded = typeof(ProjectPaths).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "FuzzProjectDirectory")?.Value;
        return recorded is not null && Directory.Exists(Path.Combine(recorded, "corpus")) ? recorded : Environment.CurrentDirectory;
    }
}
