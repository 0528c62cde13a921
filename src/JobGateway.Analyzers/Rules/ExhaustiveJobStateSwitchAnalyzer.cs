using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using JobGateway.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JobGateway.Analyzers.Rules;

/// <summary>
/// JGW0001: a switch over JobState names every member, so a state added to the contract breaks
/// the build at every place that must decide what to do with it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExhaustiveJobStateSwitchAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the missing member names, comma separated, for the code fix.</summary>
    internal const string MissingMembersProperty = "MissingMembers";

    private static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.ExhaustiveJobStateSwitch,
        title: "Switch on JobState must name every member",
        messageFormat: "Switch on JobState does not name {0}; add a case for each (default or _ does not count)",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every switch statement and switch expression over JobGateway.V1.JobState must name every member of the enum in its case labels or arms, so that a state added to the contract is handled deliberately everywhere instead of falling into a default branch.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.ExhaustiveJobStateSwitch));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var jobState = JobStateEnum.Find(start.Compilation);
            if (jobState is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeSwitchStatement(c, jobState), OperationKind.Switch);
            start.RegisterOperationAction(c => AnalyzeSwitchExpression(c, jobState), OperationKind.SwitchExpression);
        });
    }

    private static void AnalyzeSwitchStatement(OperationAnalysisContext context, JobStateEnum jobState)
    {
        var operation = (ISwitchOperation)context.Operation;
        if (!jobState.IsJobStateOrNullable(operation.Value.Type)
            || operation.Syntax is not SwitchStatementSyntax syntax)
        {
            return;
        }

        var named = new HashSet<long>();
        foreach (var clause in operation.Cases.SelectMany(c => c.Clauses))
        {
            switch (clause)
            {
                case ISingleValueCaseClauseOperation single when jobState.TryGetConstant(single.Value, out var value):
                    named.Add(value);
                    break;
                case IPatternCaseClauseOperation pattern:
                    jobState.CollectNamedValues(pattern.Pattern, named);
                    break;
            }
        }

        Report(context, jobState, named, syntax.SwitchKeyword.GetLocation());
    }

    private static void AnalyzeSwitchExpression(OperationAnalysisContext context, JobStateEnum jobState)
    {
        var operation = (ISwitchExpressionOperation)context.Operation;
        if (!jobState.IsJobStateOrNullable(operation.Value.Type)
            || operation.Syntax is not SwitchExpressionSyntax syntax)
        {
            return;
        }

        var named = new HashSet<long>();
        foreach (var arm in operation.Arms)
        {
            jobState.CollectNamedValues(arm.Pattern, named);
        }

        Report(context, jobState, named, syntax.SwitchKeyword.GetLocation());
    }

    private static void Report(OperationAnalysisContext context, JobStateEnum jobState, HashSet<long> named, Location location)
    {
        var missing = jobState.Members
            .Where(m => !named.Contains(JobStateEnum.ValueOf(m)))
            .Select(m => m.Name)
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(MissingMembersProperty, string.Join(",", missing));
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            location,
            properties,
            string.Join(", ", missing.Select(m => "JobState." + m))));
    }
}
