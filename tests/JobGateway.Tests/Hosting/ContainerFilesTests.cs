using System.Text.RegularExpressions;

namespace JobGateway.Tests.Hosting;

/// <summary>No Docker engine runs here: check what can be checked without one.</summary>
public sealed partial class ContainerFilesTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Dockerfile_EveryCopySource_Exists()
    {
        var sources = CopyLine().Matches(File.ReadAllText(Path.Combine(Root, "Dockerfile")))
            .SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"COPY source {source} does not exist"));
    }

    [Fact]
    public void Dockerfile_RunsAsNonRootWithBothPortsAndAHealthCheck()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));

        Assert.Contains("USER $APP_UID", dockerfile, StringComparison.Ordinal);
        Assert.Contains("EXPOSE 8080 8081", dockerfile, StringComparison.Ordinal);
        Assert.Contains("HEALTHCHECK", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_PublishSteps_AreTheOnesCiRuns()
    {
        var publishes = PublishLine().Matches(File.ReadAllText(Path.Combine(Root, "Dockerfile"))).Select(m => m.Value).ToList();
        var ci = File.ReadAllText(Path.Combine(Root, ".ci", "run"));

        Assert.Equal(2, publishes.Count);
        Assert.Contains("grep -E '^RUN dotnet publish' Dockerfile", ci, StringComparison.Ordinal); // CI runs these very lines
    }

    [Fact]
    public void Compose_BuildContextsAndDockerfiles_ExistAndTargetsAreDefined()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));

        var contexts = ComposeKey("context").Matches(compose).Select(m => m.Groups["value"].Value).ToList();
        var dockerfiles = ComposeKey("dockerfile").Matches(compose).Select(m => m.Groups["value"].Value).ToList();
        var targets = ComposeKey("target").Matches(compose).Select(m => m.Groups["value"].Value).ToList();

        Assert.NotEmpty(contexts);
        Assert.All(contexts, c => Assert.True(Directory.Exists(Path.Combine(Root, c)), $"build context {c} does not exist"));
        Assert.All(dockerfiles, d => Assert.True(File.Exists(Path.Combine(Root, d)), $"dockerfile {d} does not exist"));
        Assert.All(targets, t => Assert.Contains($" AS {t}", dockerfile, StringComparison.Ordinal));
        Assert.Contains("redis", compose, StringComparison.Ordinal);
        Assert.Contains("gateway-2", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerignore_KeepsBuildOutputOut()
    {
        var ignore = File.ReadAllText(Path.Combine(Root, ".dockerignore"));

        Assert.Contains("**/bin/", ignore, StringComparison.Ordinal);
        Assert.Contains("**/obj/", ignore, StringComparison.Ordinal);
    }

    private static Regex ComposeKey(string key) => new($@"^\s*{key}:\s*(?<value>\S+)\s*$", RegexOptions.Multiline);

    [GeneratedRegex(@"^COPY (?!--from)(?<sources>.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"^RUN dotnet publish .+$", RegexOptions.Multiline)]
    private static partial Regex PublishLine();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "JobGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("JobGateway.sln not found above the test's directory.");
    }
}
