using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace JobGateway.Analyzers.Tests.Infrastructure;

/// <summary>Runs one analyzer over test source marked with [|…|] or {|ID:…|} spans.</summary>
internal static class Verifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>
    /// Reference assemblies for the test compilations, fetched from NuGet on first use. Net100 would
    /// match the gateway's runtime but asks for Microsoft.NETCore.App.Ref 10.0.1, which the package
    /// feed here does not serve; nothing the rules look at differs between 8 and 10.
    /// </summary>
    private static readonly ReferenceAssemblies References = ReferenceAssemblies.Net.Net80;

    private static readonly string[] AllStubs = [TestSources.JobState, TestSources.Attributes, TestSources.Grpc];

    public static DiagnosticResult Diagnostic(string id) => new(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Error);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyWithStubsAsync(AllStubs, source, expected);

    /// <summary>Like VerifyAsync, with only the given stubs (to show what a rule does when a type is absent).</summary>
    public static async Task VerifyWithStubsAsync(IEnumerable<string> stubs, string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = References,

            // A rule with several messages has several descriptors with one ID: {|JGW0004:…|} then
            // checks the ID and span, and WithMessage/WithArguments check the text where it matters.
            MarkupOptions = MarkupOptions.UseFirstDescriptor,
        };
        AddStubs(test.TestState, stubs);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    public static async Task VerifyCodeFixAsync<TCodeFix>(string source, string fixedSource)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = References,
        };
        AddStubs(test.TestState, AllStubs);
        AddStubs(test.FixedState, AllStubs);
        await test.RunAsync(TestContext.Current.CancellationToken);
    }

    private static void AddStubs(SolutionState state, IEnumerable<string> stubs)
    {
        var i = 0;
        foreach (var stub in stubs)
        {
            state.Sources.Add(($"Stub{i++}.cs", stub));
        }
    }
}
