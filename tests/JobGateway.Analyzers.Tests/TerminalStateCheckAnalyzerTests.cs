using JobGateway.Analyzers.Tests.Infrastructure;
using Verify = JobGateway.Analyzers.Tests.Infrastructure.Verifier<JobGateway.Analyzers.Rules.TerminalStateCheckAnalyzer>;

namespace JobGateway.Analyzers.Tests;

public sealed class TerminalStateCheckAnalyzerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using JobGateway.Analysis;
        using JobGateway.V1;

        """;

    [Fact]
    public Task EqualityWithTerminalMember_Reported() => Verify.VerifyAsync(
        Usings + """
        class Watcher
        {
            bool Done(JobState state) => {|#0:state == JobState.Completed|} || [|JobState.Failed == state|];

            bool Running(JobState state) => [|state != JobState.Cancelled|];
        }
        """,
        Verify.Diagnostic("JGW0003").WithLocation(0).WithMessage(
            "This compares a JobState with JobState.Completed outside the [TerminalStateAuthority]; use the terminal-state helper instead"));

    [Fact]
    public Task IsPatterns_Reported() => Verify.VerifyAsync(Usings + """
        record Job(JobState State);

        class Watcher
        {
            bool A(JobState state) => [|state is JobState.Completed or JobState.Failed or JobState.Cancelled|];

            bool B(JobState state) => [|state is not JobState.Cancelled|];

            bool C(Job job) => [|job is { State: JobState.Failed }|];

            bool D(JobState? state) => [|state is JobState.Completed|];

            bool E(JobState state) => [|state is >= JobState.Completed|];
        }
        """);

    [Fact]
    public Task EqualsCalls_Reported() => Verify.VerifyAsync(Usings + """
        class Watcher
        {
            bool A(JobState state) => [|state.Equals(JobState.Completed)|];

            bool B(JobState state) => [|Equals(state, JobState.Failed)|];

            bool C(JobState state) => [|EqualityComparer<JobState>.Default.Equals(JobState.Cancelled, state)|];
        }
        """);

    [Fact]
    public Task OrderingComparisonAgainstTerminalMember_Reported() => Verify.VerifyAsync(Usings + """
        class Watcher
        {
            bool Done(JobState state) => [|state >= JobState.Completed|];
        }
        """);

    [Fact]
    public Task NullableState_Reported() => Verify.VerifyAsync(Usings + """
        class Watcher
        {
            bool Done(JobState? state) => [|state == JobState.Completed|];
        }
        """);

    [Fact]
    public Task InsideAuthorityMethodTypeOrProperty_NoDiagnostic() => Verify.VerifyAsync(Usings + """
        static class TerminalStates
        {
            [TerminalStateAuthority]
            public static bool IsTerminal(JobState state)
            {
                bool Local(JobState s) => s is JobState.Completed;
                System.Func<JobState, bool> lambda = s => s == JobState.Failed;
                return Local(state) || lambda(state) || state.Equals(JobState.Cancelled);
            }
        }

        [TerminalStateAuthority]
        static class Authority
        {
            public static bool IsDone(JobState state) => state is JobState.Completed or JobState.Failed or JobState.Cancelled;

            static class Nested
            {
                public static bool IsFailed(JobState state) => state == JobState.Failed;
            }
        }

        class Job
        {
            public JobState State { get; set; }

            [TerminalStateAuthority]
            public bool IsFinished => State is JobState.Completed or JobState.Failed or JobState.Cancelled;
        }
        """);

    [Fact]
    public Task ComparisonsWithPendingMembers_NoDiagnostic() => Verify.VerifyAsync(Usings + """
        class Watcher
        {
            bool A(JobState state) => state == JobState.Queued || state is JobState.Processing or JobState.Unspecified;

            bool B(JobState state) => state.Equals(JobState.Sampling);
        }
        """);

    [Fact]
    public Task SwitchOverTheEnum_NotReported() => Verify.VerifyAsync(Usings + """
        class Watcher
        {
            string Describe(JobState state) => state switch
            {
                JobState.Completed => "done",
                JobState.Failed or JobState.Cancelled => "stopped",
                _ => "pending",
            };

            int Code(JobState state)
            {
                switch (state)
                {
                    case JobState.Completed:
                        return 0;
                    default:
                        return 1;
                }
            }
        }
        """);

    [Fact]
    public Task TableEntriesAndAssignments_NotReported() => Verify.VerifyAsync(Usings + """
        class Watcher
        {
            static readonly Dictionary<string, JobState> Table = new() { ["completed"] = JobState.Completed };

            JobState state = JobState.Failed;

            void Cancel() => state = JobState.Cancelled;
        }
        """);

    [Fact]
    public Task AuthorityAttributeAbsent_NoDiagnostic() => Verify.VerifyWithStubsAsync(
        [TestSources.JobState],
        """
        using JobGateway.V1;

        class Watcher
        {
            bool Done(JobState state) => state == JobState.Completed;
        }
        """);
}
