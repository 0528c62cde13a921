using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using JobGateway.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JobGateway.Analyzers.Rules;

/// <summary>
/// JGW0003: whether a job is finished is decided in one place (the <c>[TerminalStateAuthority]</c>),
/// so streams end, polling stops and caches settle on the same answer.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TerminalStateCheckAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] TerminalMembers = ["Completed", "Failed", "Cancelled"];

    private static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.TerminalStateInOnePlace,
        title: "Decide whether a JobState is terminal only in the terminal-state helper",
        messageFormat: "This compares a JobState with JobState.{0} outside the [TerminalStateAuthority]; use the terminal-state helper instead",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Outside the member or type marked [TerminalStateAuthority], comparing a JobState with Completed, Failed or Cancelled (==, !=, <, >, is patterns, Equals) re-decides which states are terminal. Call the terminal-state helper so that every part of the gateway agrees on when a job is finished.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.TerminalStateInOnePlace));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var jobState = JobStateEnum.Find(start.Compilation);
            var authority = start.Compilation.GetTypeByMetadataName(KnownNames.TerminalStateAuthorityAttribute);
            if (jobState is null || authority is null)
            {
                return;
            }

            var terminal = jobState.Members
                .Where(m => TerminalMembers.Contains(m.Name))
                .ToDictionary(JobStateEnum.ValueOf, m => m.Name);
            if (terminal.Count == 0)
            {
                return;
            }

            var checker = new Checker(jobState, authority, terminal);
            start.RegisterOperationAction(checker.AnalyzeBinary, OperationKind.Binary);
            start.RegisterOperationAction(checker.AnalyzeIsPattern, OperationKind.IsPattern);
            start.RegisterOperationAction(checker.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private sealed class Checker(JobStateEnum jobState, INamedTypeSymbol authority, Dictionary<long, string> terminal)
    {
        public void AnalyzeBinary(OperationAnalysisContext context)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
                    or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                    or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual
                && (TerminalName(binary.LeftOperand) ?? TerminalName(binary.RightOperand)) is { } name)
            {
                Report(context, name);
            }
        }

        public void AnalyzeIsPattern(OperationAnalysisContext context)
        {
            var isPattern = (IIsPatternOperation)context.Operation;

            // Any constant or relational pattern in the tree counts, also inside property patterns
            // such as `job is { State: JobState.Failed }`.
            var name = isPattern.Pattern.DescendantsAndSelf()
                .Select(p => p switch
                {
                    IConstantPatternOperation constant => TerminalName(constant.Value),
                    IRelationalPatternOperation relational => TerminalName(relational.Value),
                    _ => null,
                })
                .FirstOrDefault(n => n is not null);
            if (name is not null)
            {
                Report(context, name);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != nameof(Equals))
            {
                return;
            }

            var name = invocation.Arguments.Select(a => a.Value).Prepend(invocation.Instance)
                .Select(TerminalName)
                .FirstOrDefault(n => n is not null);
            if (name is not null)
            {
                Report(context, name);
            }
        }

        private string? TerminalName(IOperation? operation) =>
            jobState.TryGetConstant(operation, out var value) && terminal.TryGetValue(value, out var name) ? name : null;

        private void Report(OperationAnalysisContext context, string name)
        {
            if (!IsInsideAuthority(context.ContainingSymbol))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), name));
            }
        }

        private bool IsInsideAuthority(ISymbol? symbol)
        {
            for (; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
            {
                if (symbol.HasAttribute(authority)
                    || (symbol is IMethodSymbol { AssociatedSymbol: { } associated } && associated.HasAttribute(authority)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
