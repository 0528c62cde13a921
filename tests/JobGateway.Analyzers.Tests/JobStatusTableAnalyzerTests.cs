using JobGateway.Analyzers.Tests.Infrastructure;
using Verify = JobGateway.Analyzers.Tests.Infrastructure.Verifier<JobGateway.Analyzers.Rules.JobStatusTableAnalyzer>;

namespace JobGateway.Analyzers.Tests;

public sealed class JobStatusTableAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Frozen;
        using System.Collections.Generic;
        using JobGateway.Analysis;
        using JobGateway.V1;

        """;

    [Fact]
    public Task IndexInitializer_MapsEveryStateOnce_NoDiagnostic() => Verify.VerifyAsync(Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly Dictionary<string, JobState> Table = new(StringComparer.Ordinal)
            {
                ["backlogged"] = JobState.Backlogged,
                ["queued"] = JobState.Queued,
                ["scheduled"] = JobState.Scheduled,
                ["processing"] = JobState.Processing,
                ["sampling"] = JobState.Sampling,
                ["intermediate-complete"] = JobState.IntermediateComplete,
                ["completed"] = JobState.Completed,
                ["failed"] = JobState.Failed,
                ["cancelled"] = JobState.Cancelled,
            };
        }
        """);

    [Fact]
    public Task FrozenCollectionInitializerInProperty_MapsEveryStateOnce_NoDiagnostic() => Verify.VerifyAsync(Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static FrozenDictionary<string, JobState> Table { get; } = new Dictionary<string, JobState>
            {
                { "backlogged", JobState.Backlogged },
                { "queued", JobState.Queued },
                { "scheduled", JobState.Scheduled },
                { "processing", JobState.Processing },
                { "sampling", JobState.Sampling },
                { "intermediate-complete", JobState.IntermediateComplete },
                { "completed", JobState.Completed },
                { "failed", JobState.Failed },
                { "cancelled", JobState.Cancelled },
            }.ToFrozenDictionary(StringComparer.Ordinal);
        }
        """);

    [Fact]
    public Task ArrayOfPairsPassedToConstructor_MapsEveryStateOnce_NoDiagnostic() => Verify.VerifyAsync(Usings + """
        static class Statuses
        {
            private const string Queued = "queued";

            [JobStatusTable]
            public static readonly IReadOnlyDictionary<string, JobState> Table = new Dictionary<string, JobState>(
                new KeyValuePair<string, JobState>[]
                {
                    new("backlogged", JobState.Backlogged),
                    new(Queued, JobState.Queued),
                    new("scheduled", JobState.Scheduled),
                    new("processing", JobState.Processing),
                    KeyValuePair.Create("sampling", JobState.Sampling),
                    new("intermediate-complete", JobState.IntermediateComplete),
                    new("completed", JobState.Completed),
                    new("failed", JobState.Failed),
                    new("cancelled", JobState.Cancelled),
                },
                StringComparer.Ordinal);
        }
        """);

    [Fact]
    public Task MissingStates_EachReportedByName() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly FrozenDictionary<string, JobState> {|#0:{|#1:Table|}|} = new Dictionary<string, JobState>(StringComparer.Ordinal)
            {
                ["backlogged"] = JobState.Backlogged,
                ["queued"] = JobState.Queued,
                ["scheduled"] = JobState.Scheduled,
                ["processing"] = JobState.Processing,
                ["sampling"] = JobState.Sampling,
                ["intermediate-complete"] = JobState.IntermediateComplete,
                ["completed"] = JobState.Completed,
            }.ToFrozenDictionary(StringComparer.Ordinal);
        }
        """,
        Verify.Diagnostic("JGW0002").WithLocation(0).WithMessage("The status table maps no upstream status to JobState.Failed"),
        Verify.Diagnostic("JGW0002").WithLocation(1).WithMessage("The status table maps no upstream status to JobState.Cancelled"));

    [Fact]
    public Task StatusStringTwice_ReportedAtTheSecondKey() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly Dictionary<string, JobState> Table = new()
            {
                { "backlogged", JobState.Backlogged },
                { "queued", JobState.Queued },
                { "scheduled", JobState.Scheduled },
                { "processing", JobState.Processing },
                { "sampling", JobState.Sampling },
                { "intermediate-complete", JobState.IntermediateComplete },
                { "completed", JobState.Completed },
                { "failed", JobState.Failed },
                { "cancelled", JobState.Cancelled },
                { {|#0:"queued"|}, {|#1:JobState.Queued|} },
            };
        }
        """,
        Verify.Diagnostic("JGW0002").WithLocation(0).WithMessage("The status string \"queued\" appears more than once in the status table"),
        Verify.Diagnostic("JGW0002").WithLocation(1).WithMessage("The status table maps JobState.Queued more than once (\"queued\" and \"queued\"); each state has exactly one upstream status"));

    [Fact]
    public Task StateMappedTwice_ReportedAtTheSecondValue() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly Dictionary<string, JobState> Table = new()
            {
                ["backlogged"] = JobState.Backlogged,
                ["queued"] = JobState.Queued,
                ["scheduled"] = JobState.Scheduled,
                ["processing"] = JobState.Processing,
                ["sampling"] = JobState.Sampling,
                ["intermediate-complete"] = JobState.IntermediateComplete,
                ["completed"] = JobState.Completed,
                ["failed"] = JobState.Failed,
                ["cancelled"] = JobState.Cancelled,
                ["canceled"] = {|#0:JobState.Cancelled|},
            };
        }
        """,
        Verify.Diagnostic("JGW0002").WithLocation(0).WithMessage("The status table maps JobState.Cancelled more than once (\"cancelled\" and \"canceled\"); each state has exactly one upstream status"));

    [Fact]
    public Task UnspecifiedAsAValue_Reported() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly Dictionary<string, JobState> Table = new()
            {
                ["unknown"] = {|#0:JobState.Unspecified|},
                ["backlogged"] = JobState.Backlogged,
                ["queued"] = JobState.Queued,
                ["scheduled"] = JobState.Scheduled,
                ["processing"] = JobState.Processing,
                ["sampling"] = JobState.Sampling,
                ["intermediate-complete"] = JobState.IntermediateComplete,
                ["completed"] = JobState.Completed,
                ["failed"] = JobState.Failed,
                ["cancelled"] = JobState.Cancelled,
            };
        }
        """,
        Verify.Diagnostic("JGW0002").WithLocation(0).WithArguments("unknown"));

    [Fact]
    public Task InitializerIsAMethodCall_ReportedAsNotAnalyzable() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly Dictionary<string, JobState> Table = {|#0:Build()|};

            private static Dictionary<string, JobState> Build() => new();
        }
        """,
        Verify.Diagnostic("JGW0002").WithLocation(0).WithMessage(
            "The [JobStatusTable] member cannot be checked: its initializer is not a dictionary or collection initializer of pairs. Initialize it with a dictionary initializer of constant status strings and JobState members, e.g. new Dictionary<string, JobState> { [\"queued\"] = JobState.Queued }, optionally wrapped in ToFrozenDictionary(...)."));

    [Fact]
    public Task StatusKeyNotConstant_ReportedAsNotAnalyzable() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            private static readonly string Queued = "queued";

            [JobStatusTable]
            public static readonly Dictionary<string, JobState> Table = new()
            {
                [{|#0:Queued|}] = JobState.Queued,
            };
        }
        """,
        Verify.Diagnostic("JGW0002").WithLocation(0).WithArguments("a status string is not a constant"));

    [Fact]
    public Task ValueNotAJobStateConstant_ReportedAsNotAnalyzable() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly Dictionary<string, JobState> Table = new()
            {
                ["queued"] = {|#0:Enum.Parse<JobState>("Queued")|},
            };
        }
        """,
        Verify.Diagnostic("JGW0002").WithLocation(0).WithArguments("a value is not a JobState member"));

    [Fact]
    public Task NoInitializer_ReportedAsNotAnalyzable() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly Dictionary<string, JobState> {|#0:Table|};

            static Statuses() => Table = new() { ["queued"] = JobState.Queued };
        }
        """,
        Verify.Diagnostic("JGW0002").WithLocation(0).WithArguments("it has no initializer"));

    [Fact]
    public Task TwoTables_BothReported() => Verify.VerifyAsync(
        Usings + """
        static class Statuses
        {
            [JobStatusTable]
            public static readonly Dictionary<string, JobState> {|#0:{|#2:First|}|} = new() { ["queued"] = JobState.Queued };

            [JobStatusTable]
            public static Dictionary<string, JobState> {|#1:{|#3:Second|}|} { get; } = new() { ["queued"] = JobState.Queued };
        }
        """,
        [
            Verify.Diagnostic("JGW0002").WithLocation(0).WithMessage("[JobStatusTable] is on more than one member (Statuses.First, Statuses.Second); the gateway has exactly one status table"),
            Verify.Diagnostic("JGW0002").WithLocation(1).WithMessage("[JobStatusTable] is on more than one member (Statuses.First, Statuses.Second); the gateway has exactly one status table"),
            .. MissingAllButQueued(2),
            .. MissingAllButQueued(3),
        ]);

    [Fact]
    public Task AttributeTypeAbsent_NoDiagnostic() => Verify.VerifyWithStubsAsync(
        [TestSources.JobState],
        """
        using System;
        using System.Collections.Generic;
        using JobGateway.V1;

        namespace Elsewhere
        {
            sealed class JobStatusTableAttribute : Attribute { }

            static class Statuses
            {
                [JobStatusTable]
                public static readonly Dictionary<string, JobState> Table = new() { ["queued"] = JobState.Queued };
            }
        }
        """);

    [Fact]
    public Task UnmarkedDictionary_NotChecked() => Verify.VerifyAsync(Usings + """
        static class Other
        {
            public static readonly Dictionary<string, JobState> Partial = new() { ["queued"] = JobState.Queued, ["queued2"] = JobState.Queued };
        }
        """);

    private static readonly string[] AllButQueued = ["Backlogged", "Scheduled", "Processing", "Sampling", "IntermediateComplete", "Completed", "Failed", "Cancelled"];

    private static IEnumerable<Microsoft.CodeAnalysis.Testing.DiagnosticResult> MissingAllButQueued(int location) =>
        AllButQueued.Select(m => Verify.Diagnostic("JGW0002").WithLocation(location).WithArguments(m));
}
