using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using JobGateway.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JobGateway.Analyzers.Rules;

/// <summary>
/// JGW0005: only the shared poller reads a job's status from the upstream, which is what keeps
/// the upstream at one poll per job per interval however many clients and replicas watch it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UpstreamJobStatusReadAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.UpstreamReadOnlyFromPoller,
        title: "Read job status from the upstream only in the shared poller",
        messageFormat: "'{0}' reads job status from the upstream outside the shared poller; only a type marked [UpstreamPoller] may call it, so that the upstream sees one poll per job per interval however many clients watch the job",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A method marked [UpstreamJobStatusRead] (or an implementation or override of one) may only be called or referenced from code inside a type marked [UpstreamPoller], or from another status read that forwards to it (a decorator). Everything else asks the poller, which de-duplicates polls per job across clients and replicas.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.UpstreamReadOnlyFromPoller));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var readAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.UpstreamJobStatusReadAttribute);
            var pollerAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.UpstreamPollerAttribute);
            if (readAttribute is null || pollerAttribute is null)
            {
                return;
            }

            var reads = new StatusReads(readAttribute);
            start.RegisterOperationAction(
                c =>
                {
                    var method = c.Operation switch
                    {
                        IInvocationOperation invocation => invocation.TargetMethod,
                        IMethodReferenceOperation reference => reference.Method,
                        _ => null,
                    };
                    if (method is null || !reads.IsStatusRead(method))
                    {
                        return;
                    }

                    var caller = c.ContainingSymbol;
                    var callerType = caller as INamedTypeSymbol ?? caller.ContainingType;
                    if (callerType.IsOrIsNestedInTypeWith(pollerAttribute)
                        || (caller is IMethodSymbol callerMethod && reads.IsStatusRead(callerMethod)))
                    {
                        return;
                    }

                    c.ReportDiagnostic(Diagnostic.Create(Rule, c.Operation.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name));
                },
                OperationKind.Invocation,
                OperationKind.MethodReference);
        });
    }

    /// <summary>Which methods read status: marked ones, their overrides and their implementations.</summary>
    private sealed class StatusReads(INamedTypeSymbol readAttribute)
    {
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _cache = new(SymbolEqualityComparer.Default);

        public bool IsStatusRead(IMethodSymbol method) => _cache.GetOrAdd(method.OriginalDefinition, Compute);

        private bool Compute(IMethodSymbol method)
        {
            for (var current = method; current is not null; current = current.OverriddenMethod)
            {
                if (current.HasAttribute(readAttribute)
                    || current.ExplicitInterfaceImplementations.Any(i => i.HasAttribute(readAttribute)))
                {
                    return true;
                }
            }

            var type = method.ContainingType;
            return type is not null
                && type.AllInterfaces
                    .SelectMany(i => i.GetMembers(method.Name))
                    .OfType<IMethodSymbol>()
                    .Where(m => m.HasAttribute(readAttribute))
                    .Any(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), method));
        }
    }
}
