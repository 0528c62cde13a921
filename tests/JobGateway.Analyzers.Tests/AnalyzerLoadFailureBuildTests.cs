using System.Diagnostics;
using System.Text;

namespace JobGateway.Analyzers.Tests;

/// <summary>
/// SLOW (a minute or two; runs the real <c>dotnet build</c> on throwaway projects, restoring
/// Microsoft.CodeAnalysis.CSharp 5.12.0 from NuGet the first time).
/// <para>
/// Proves why every project that consumes the JobGateway analyzers needs <c>CS9057</c> in
/// <c>WarningsAsErrors</c> (Directory.Build.props sets it): an analyzer built against a newer
/// Roslyn than the SDK's compiler is not loaded, and the compiler says so only with warning CS9057.
/// With the setting the build fails; without it the build passes and the rule silently never runs.
/// </para>
/// </summary>
[Trait("Category", "SlowBuild")]
public sealed class AnalyzerLoadFailureBuildTests(AnalyzerLoadFailureBuildTests.Builds builds) : IClassFixture<AnalyzerLoadFailureBuildTests.Builds>
{
    /// <summary>Roslyn version newer than the compiler of SDK 10.0.4xx (see TOOLCHAIN.md).</summary>
    private const string TooNewRoslyn = "5.12.0";

    /// <summary>The id the throwaway analyzer reports whenever it runs.</summary>
    private const string RanDiagnosticId = "NEWER0001";

    [Fact]
    public void AnalyzerBuiltAgainstNewerRoslyn_Cs9057AsError_BuildFails()
    {
        var result = builds.Strict;
        TestContext.Current.TestOutputHelper?.WriteLine(result.Output);
        Assert.True(result.ExitCode != 0, "The build passed although the analyzer could not be loaded:\n" + result.Output);
        Assert.Contains("error CS9057", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzerBuiltAgainstNewerRoslyn_Cs9057NotAnError_BuildPassesAndTheAnalyzerNeverRuns()
    {
        var result = builds.Lenient;
        TestContext.Current.TestOutputHelper?.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, "The lenient build failed:\n" + result.Output);
        Assert.Contains("warning CS9057", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(RanDiagnosticId, result.Output, StringComparison.Ordinal);
    }

    public sealed record BuildResult(int ExitCode, string Output);

    /// <summary>Writes the throwaway projects once and builds both consumers.</summary>
    public sealed class Builds : IAsyncLifetime
    {
        private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

        private readonly string _root = Path.Combine(Path.GetTempPath(), "jgw-cs9057-" + Guid.NewGuid().ToString("N"));

        public BuildResult Strict { get; private set; } = new(-1, "not built");

        public BuildResult Lenient { get; private set; } = new(-1, "not built");

        public async ValueTask InitializeAsync()
        {
            WriteProjects();
            Strict = await DotnetBuildAsync(Path.Combine("strict", "Strict.csproj"));
            Lenient = await DotnetBuildAsync(Path.Combine("lenient", "Lenient.csproj"));
        }

        public ValueTask DisposeAsync()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is not worth failing the run for.
            }
            catch (UnauthorizedAccessException)
            {
            }

            return ValueTask.CompletedTask;
        }

        private void WriteProjects()
        {
            // Nothing from the repository leaks in: no Directory.Build.props, no central package
            // management (which would refuse the explicit 5.12.0 version).
            Write("Directory.Build.props", "<Project />");
            Write("Directory.Build.targets", "<Project />");
            Write("Directory.Packages.props", """
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                </Project>
                """);

            Write(Path.Combine("analyzer", "NewerRoslynAnalyzer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>netstandard2.0</TargetFramework>
                    <LangVersion>latest</LangVersion>
                    <IsRoslynComponent>true</IsRoslynComponent>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                    <NoWarn>$(NoWarn);RS1036;RS1038;RS1041;RS2008</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="{TooNewRoslyn}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            Write(Path.Combine("analyzer", "RanAnalyzer.cs"), $$"""
                using System.Collections.Immutable;
                using Microsoft.CodeAnalysis;
                using Microsoft.CodeAnalysis.Diagnostics;

                [DiagnosticAnalyzer(LanguageNames.CSharp)]
                public sealed class RanAnalyzer : DiagnosticAnalyzer
                {
                    private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
                        "{{RanDiagnosticId}}", "Analyzer ran", "The analyzer built against Roslyn {{TooNewRoslyn}} ran", "Test",
                        DiagnosticSeverity.Warning, isEnabledByDefault: true, customTags: WellKnownDiagnosticTags.CompilationEnd);

                    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

                    public override void Initialize(AnalysisContext context)
                    {
                        context.EnableConcurrentExecution();
                        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                        context.RegisterCompilationAction(c => c.ReportDiagnostic(Diagnostic.Create(Rule, Location.None)));
                    }
                }
                """);

            WriteConsumer("strict", "Strict", "<WarningsAsErrors>$(WarningsAsErrors);CS9057</WarningsAsErrors>");
            WriteConsumer("lenient", "Lenient", string.Empty);
        }

        private void WriteConsumer(string folder, string name, string extraProperty)
        {
            Write(Path.Combine(folder, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                    {extraProperty}
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="../analyzer/NewerRoslynAnalyzer.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                </Project>
                """);
            Write(Path.Combine(folder, "Marker.cs"), $"namespace {name};\n\npublic static class Marker\n{{\n}}\n");
        }

        private void Write(string relativePath, string content)
        {
            var path = Path.Combine(_root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        private async Task<BuildResult> DotnetBuildAsync(string project)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = _root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "build", project, "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false" })
            {
                start.ArgumentList.Add(argument);
            }

            // The test host runs under `dotnet test`, whose MSBuild variables would point the child
            // build at the parent's MSBuild; drop them, and keep the child from leaving nodes behind.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var timeout = new CancellationTokenSource(BuildTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new BuildResult(-1, $"dotnet build {project} did not finish within {BuildTimeout}:\n{Read(output)}");
            }

            // WaitForExitAsync returns once the output streams are drained too.
            return new BuildResult(process.ExitCode, Read(output));
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        private static string Read(StringBuilder output)
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
