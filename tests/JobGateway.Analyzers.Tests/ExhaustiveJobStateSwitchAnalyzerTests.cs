using JobGateway.Analyzers.Rules;
using JobGateway.Analyzers.Tests.Infrastructure;
using Verify = JobGateway.Analyzers.Tests.Infrastructure.Verifier<JobGateway.Analyzers.Rules.ExhaustiveJobStateSwitchAnalyzer>;

namespace JobGateway.Analyzers.Tests;

public sealed class ExhaustiveJobStateSwitchAnalyzerTests
{
    [Fact]
    public Task SwitchStatement_NamesEveryMember_NoDiagnostic() => Verify.VerifyAsync("""
        using JobGateway.V1;

        class C
        {
            static int M(JobState state)
            {
                switch (state)
                {
                    case JobState.Unspecified:
                    case JobState.Backlogged:
                    case JobState.Queued:
                    case JobState.Scheduled:
                        return 0;
                    case JobState.Processing or JobState.Sampling:
                        return 1;
                    case JobState.IntermediateComplete:
                        return 2;
                    case JobState.Completed:
                    case JobState.Failed:
                    case JobState.Cancelled:
                        return 3;
                    default:
                        return -1;
                }
            }
        }
        """);

    [Fact]
    public Task SwitchStatement_MissingMembersWithDefault_ReportsThemByName() => Verify.VerifyAsync(
        """
        using JobGateway.V1;

        class C
        {
            static int M(JobState state)
            {
                {|#0:switch|} (state)
                {
                    case JobState.Unspecified:
                    case JobState.Backlogged:
                    case JobState.Queued:
                    case JobState.Scheduled:
                    case JobState.Processing:
                    case JobState.Sampling:
                    case JobState.IntermediateComplete:
                    case JobState.Completed:
                        return 0;
                    default:
                        return -1;
                }
            }
        }
        """,
        Verify.Diagnostic("JGW0001").WithLocation(0).WithArguments("JobState.Failed, JobState.Cancelled"));

    [Fact]
    public Task SwitchExpression_NamesEveryMemberWithOrPatterns_NoDiagnostic() => Verify.VerifyAsync("""
        using JobGateway.V1;

        class C
        {
            static bool IsPending(JobState state) => state switch
            {
                JobState.Backlogged or JobState.Queued or JobState.Scheduled => true,
                JobState.Processing or JobState.Sampling or JobState.IntermediateComplete => true,
                JobState.Completed or JobState.Failed or JobState.Cancelled => false,
                JobState.Unspecified => true,
                _ => true,
            };
        }
        """);

    [Fact]
    public Task SwitchExpression_DiscardInsteadOfMembers_Reported() => Verify.VerifyAsync("""
        using JobGateway.V1;

        class C
        {
            static string Describe(JobState state) => state [|switch|]
            {
                JobState.Completed => "done",
                _ => "something else",
            };
        }
        """);

    [Fact]
    public Task SwitchExpression_NullableJobState_Reported() => Verify.VerifyAsync("""
        using JobGateway.V1;

        class C
        {
            static string Describe(JobState? state) => state [|switch|]
            {
                null => "none",
                JobState.Completed => "done",
                _ => "something else",
            };
        }
        """);

    [Fact]
    public Task SwitchStatement_NotAndRelationalPatterns_DoNotNameMembers() => Verify.VerifyAsync(
        """
        using JobGateway.V1;

        class C
        {
            static int M(JobState state)
            {
                {|#0:switch|} (state)
                {
                    case JobState.Unspecified:
                        return 0;
                    case not JobState.Completed and < JobState.Failed:
                        return 1;
                    default:
                        return 2;
                }
            }
        }
        """,
        Verify.Diagnostic("JGW0001").WithLocation(0).WithArguments(
            "JobState.Backlogged, JobState.Queued, JobState.Scheduled, JobState.Processing, JobState.Sampling, JobState.IntermediateComplete, JobState.Completed, JobState.Failed, JobState.Cancelled"));

    [Fact]
    public Task SwitchStatement_GuardedCaseStillNamesTheMember_NoDiagnostic() => Verify.VerifyAsync("""
        using JobGateway.V1;

        class C
        {
            static int M(JobState state, bool flag)
            {
                switch (state)
                {
                    case JobState.Unspecified when flag:
                    case JobState.Backlogged:
                    case JobState.Queued:
                    case JobState.Scheduled:
                    case JobState.Processing:
                    case JobState.Sampling:
                    case JobState.IntermediateComplete:
                    case JobState.Completed:
                    case JobState.Failed:
                    case JobState.Cancelled:
                        return 0;
                    default:
                        return 1;
                }
            }
        }
        """);

    [Fact]
    public Task Switch_OnAnotherEnumOrOnAnInt_NoDiagnostic() => Verify.VerifyAsync("""
        using System;
        using JobGateway.V1;

        class C
        {
            static int M(DayOfWeek day, JobState state)
            {
                var x = day switch { DayOfWeek.Monday => 1, _ => 0 };
                switch ((int)state)
                {
                    case (int)JobState.Completed:
                        return x;
                    default:
                        return 0;
                }
            }
        }
        """);

    [Fact]
    public Task Switch_WhenTheContractsJobStateIsAbsent_NoDiagnostic() => Verify.VerifyWithStubsAsync(
        [],
        """
        namespace Elsewhere
        {
            enum JobState { Queued, Completed }

            class C
            {
                static int M(JobState state) => state switch { JobState.Queued => 1, _ => 0 };
            }
        }
        """);
}
