using JobGateway.Analyzers.Rules;
using Verify = JobGateway.Analyzers.Tests.Infrastructure.Verifier<JobGateway.Analyzers.Rules.ExhaustiveJobStateSwitchAnalyzer>;

namespace JobGateway.Analyzers.Tests;

public sealed class ExhaustiveJobStateSwitchFixerTests
{
    [Fact]
    public Task SwitchStatement_AddsMissingCasesBeforeDefault() => Verify.VerifyCodeFixAsync<ExhaustiveJobStateSwitchFixer>(
        """
        using JobGateway.V1;

        class C
        {
            static int M(JobState state)
            {
                [|switch|] (state)
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
        """
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
                    case JobState.Processing:
                    case JobState.Sampling:
                    case JobState.IntermediateComplete:
                    case JobState.Completed:
                        return 0;
                    case JobState.Failed:
                    case JobState.Cancelled:
                        throw new System.NotImplementedException();
                    default:
                        return -1;
                }
            }
        }
        """);

    [Fact]
    public Task SwitchStatement_WithoutDefault_AppendsMissingCases() => Verify.VerifyCodeFixAsync<ExhaustiveJobStateSwitchFixer>(
        """
        using JobGateway.V1;

        class C
        {
            static void M(JobState state)
            {
                [|switch|] (state)
                {
                    case JobState.Unspecified or JobState.Backlogged or JobState.Queued or JobState.Scheduled:
                        break;
                    case JobState.Processing or JobState.Sampling or JobState.IntermediateComplete or JobState.Completed:
                        break;
                }
            }
        }
        """,
        """
        using JobGateway.V1;

        class C
        {
            static void M(JobState state)
            {
                switch (state)
                {
                    case JobState.Unspecified or JobState.Backlogged or JobState.Queued or JobState.Scheduled:
                        break;
                    case JobState.Processing or JobState.Sampling or JobState.IntermediateComplete or JobState.Completed:
                        break;
                    case JobState.Failed:
                    case JobState.Cancelled:
                        throw new System.NotImplementedException();
                }
            }
        }
        """);

    [Fact]
    public Task SwitchExpression_InsertsMissingArmsBeforeDiscard() => Verify.VerifyCodeFixAsync<ExhaustiveJobStateSwitchFixer>(
        """
        using JobGateway.V1;

        class C
        {
            static string Describe(JobState state) => state [|switch|]
            {
                JobState.Unspecified or JobState.Backlogged or JobState.Queued or JobState.Scheduled => "waiting",
                JobState.Processing or JobState.Sampling or JobState.IntermediateComplete => "running",
                JobState.Completed => "done",
                _ => "unknown",
            };
        }
        """,
        """
        using JobGateway.V1;

        class C
        {
            static string Describe(JobState state) => state switch
            {
                JobState.Unspecified or JobState.Backlogged or JobState.Queued or JobState.Scheduled => "waiting",
                JobState.Processing or JobState.Sampling or JobState.IntermediateComplete => "running",
                JobState.Completed => "done",
                JobState.Failed => throw new System.NotImplementedException(),
                JobState.Cancelled => throw new System.NotImplementedException(),
                _ => "unknown",
            };
        }
        """);

    [Fact]
    public Task SwitchExpression_WithoutDiscardOrTrailingComma_AppendsMissingArms() => Verify.VerifyCodeFixAsync<ExhaustiveJobStateSwitchFixer>(
        """
        using JobGateway.V1;

        class C
        {
            static int Rank(JobState state)
            {
                return state [|switch|]
                {
                    JobState.Unspecified or JobState.Backlogged or JobState.Queued or JobState.Scheduled => 0,
                    JobState.Processing or JobState.Sampling or JobState.IntermediateComplete => 1,
                    JobState.Completed or JobState.Failed => 2
                };
            }
        }
        """,
        """
        using JobGateway.V1;

        class C
        {
            static int Rank(JobState state)
            {
                return state switch
                {
                    JobState.Unspecified or JobState.Backlogged or JobState.Queued or JobState.Scheduled => 0,
                    JobState.Processing or JobState.Sampling or JobState.IntermediateComplete => 1,
                    JobState.Completed or JobState.Failed => 2,
                    JobState.Cancelled => throw new System.NotImplementedException()
                };
            }
        }
        """);

    [Fact]
    public Task SwitchExpression_OutsideTheNamespaceImport_KeepsTheQualifiedName() => Verify.VerifyCodeFixAsync<ExhaustiveJobStateSwitchFixer>(
        """
        class C
        {
            static int Rank(JobGateway.V1.JobState state) => state [|switch|]
            {
                JobGateway.V1.JobState.Unspecified or JobGateway.V1.JobState.Backlogged or JobGateway.V1.JobState.Queued => 0,
                JobGateway.V1.JobState.Scheduled or JobGateway.V1.JobState.Processing or JobGateway.V1.JobState.Sampling => 0,
                JobGateway.V1.JobState.IntermediateComplete or JobGateway.V1.JobState.Completed or JobGateway.V1.JobState.Failed => 1,
                _ => 2,
            };
        }
        """,
        """
        class C
        {
            static int Rank(JobGateway.V1.JobState state) => state switch
            {
                JobGateway.V1.JobState.Unspecified or JobGateway.V1.JobState.Backlogged or JobGateway.V1.JobState.Queued => 0,
                JobGateway.V1.JobState.Scheduled or JobGateway.V1.JobState.Processing or JobGateway.V1.JobState.Sampling => 0,
                JobGateway.V1.JobState.IntermediateComplete or JobGateway.V1.JobState.Completed or JobGateway.V1.JobState.Failed => 1,
                JobGateway.V1.JobState.Cancelled => throw new System.NotImplementedException(),
                _ => 2,
            };
        }
        """);
}
