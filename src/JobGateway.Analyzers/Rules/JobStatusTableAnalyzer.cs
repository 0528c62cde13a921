using System.Collections.Concurrent;
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
/// JGW0002: the one <c>[JobStatusTable]</c> maps every upstream status to exactly one JobState,
/// so every state the contract names can be reached and no status string is ambiguous.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobStatusTableAnalyzer : DiagnosticAnalyzer
{
    private const string Title = "The upstream status table must map every JobState exactly once";
    private const string Description = "The member marked [JobStatusTable] maps upstream status strings to JobGateway.V1.JobState. Its initializer must map every member except Unspecified exactly once, no status string may appear twice, and only one member in the compilation may carry the attribute.";
    private const string Unspecified = "Unspecified";

    private static readonly DiagnosticDescriptor MissingState = new(
        RuleIdentifiers.JobStatusTableIsTotal,
        Title,
        "The status table maps no upstream status to JobState.{0}",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.JobStatusTableIsTotal));

    private static readonly DiagnosticDescriptor DuplicateState = new(
        RuleIdentifiers.JobStatusTableIsTotal,
        Title,
        "The status table maps JobState.{0} more than once (\"{1}\" and \"{2}\"); each state has exactly one upstream status",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.JobStatusTableIsTotal));

    private static readonly DiagnosticDescriptor UnspecifiedMapped = new(
        RuleIdentifiers.JobStatusTableIsTotal,
        Title,
        "The status table maps \"{0}\" to JobState.Unspecified; Unspecified stands for a status the gateway does not know and must not appear in the table",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.JobStatusTableIsTotal));

    private static readonly DiagnosticDescriptor DuplicateStatus = new(
        RuleIdentifiers.JobStatusTableIsTotal,
        Title,
        "The status string \"{0}\" appears more than once in the status table",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.JobStatusTableIsTotal));

    private static readonly DiagnosticDescriptor NotAnalyzable = new(
        RuleIdentifiers.JobStatusTableIsTotal,
        Title,
        "The [JobStatusTable] member cannot be checked: {0}. Initialize it with a dictionary initializer of constant status strings and JobState members, e.g. new Dictionary<string, JobState> {{ [\"queued\"] = JobState.Queued }}, optionally wrapped in ToFrozenDictionary(...).",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.JobStatusTableIsTotal));

    private static readonly DiagnosticDescriptor MoreThanOneTable = new(
        RuleIdentifiers.JobStatusTableIsTotal,
        Title,
        "[JobStatusTable] is on more than one member ({0}); the gateway has exactly one status table",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.JobStatusTableIsTotal),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(MissingState, DuplicateState, UnspecifiedMapped, DuplicateStatus, NotAnalyzable, MoreThanOneTable);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var jobState = JobStateEnum.Find(start.Compilation);
            var tableAttribute = start.Compilation.GetTypeByMetadataName(KnownNames.JobStatusTableAttribute);
            if (jobState is null || tableAttribute is null)
            {
                return;
            }

            var tables = new ConcurrentBag<ISymbol>();
            start.RegisterSymbolAction(
                c =>
                {
                    if (c.Symbol.HasAttribute(tableAttribute))
                    {
                        tables.Add(c.Symbol);
                        if (!HasInitializer(c.Symbol, c.CancellationToken))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(NotAnalyzable, c.Symbol.Locations.FirstOrDefault(), "it has no initializer"));
                        }
                    }
                },
                SymbolKind.Field,
                SymbolKind.Property);

            start.RegisterOperationAction(
                c =>
                {
                    var (member, value) = c.Operation switch
                    {
                        IFieldInitializerOperation f => ((ISymbol?)f.InitializedFields.FirstOrDefault(s => s.HasAttribute(tableAttribute)), f.Value),
                        IPropertyInitializerOperation p => (p.InitializedProperties.FirstOrDefault(s => s.HasAttribute(tableAttribute)), p.Value),
                        _ => (null, null),
                    };
                    if (member is not null && value is not null)
                    {
                        new TableChecker(c, jobState, member).Check(value);
                    }
                },
                OperationKind.FieldInitializer,
                OperationKind.PropertyInitializer);

            start.RegisterCompilationEndAction(c =>
            {
                var all = tables.OrderBy(s => s.ToDisplayString(), System.StringComparer.Ordinal).ToList();
                if (all.Count < 2)
                {
                    return;
                }

                var names = string.Join(", ", all.Select(s => s.ToDisplayString()));
                foreach (var symbol in all)
                {
                    c.ReportDiagnostic(Diagnostic.Create(MoreThanOneTable, symbol.Locations.FirstOrDefault(), names));
                }
            });
        });
    }

    private static bool HasInitializer(ISymbol symbol, System.Threading.CancellationToken cancellationToken) =>
        symbol.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) switch
        {
            VariableDeclaratorSyntax declarator => declarator.Initializer is not null,
            PropertyDeclarationSyntax property => property.Initializer is not null,
            _ => false,
        });

    /// <summary>Reads the table's entries out of one initializer, then checks them.</summary>
    private sealed class TableChecker(OperationAnalysisContext context, JobStateEnum jobState, ISymbol member)
    {
        private readonly List<(IOperation Key, string Status, IOperation Value, long State)> _entries = [];
        private (IOperation Culprit, string Reason)? _failure;

        public void Check(IOperation initializer)
        {
            CollectTable(initializer);
            if (_failure is { } failure)
            {
                context.ReportDiagnostic(Diagnostic.Create(NotAnalyzable, failure.Culprit.Syntax.GetLocation(), failure.Reason));
                return;
            }

            var statuses = new HashSet<string>(System.StringComparer.Ordinal);
            var firstStatusOfState = new Dictionary<long, string>();
            foreach (var (key, status, value, state) in _entries)
            {
                if (!statuses.Add(status))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DuplicateStatus, key.Syntax.GetLocation(), status));
                }

                var name = jobState.Members.FirstOrDefault(m => JobStateEnum.ValueOf(m) == state)?.Name;
                if (name == Unspecified)
                {
                    context.ReportDiagnostic(Diagnostic.Create(UnspecifiedMapped, value.Syntax.GetLocation(), status));
                }
                else if (firstStatusOfState.TryGetValue(state, out var first))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DuplicateState, value.Syntax.GetLocation(), name ?? state.ToString(System.Globalization.CultureInfo.InvariantCulture), first, status));
                }
                else
                {
                    firstStatusOfState.Add(state, status);
                }
            }

            var location = member.Locations.FirstOrDefault();
            foreach (var missing in jobState.Members)
            {
                if (missing.Name != Unspecified && !firstStatusOfState.ContainsKey(JobStateEnum.ValueOf(missing)))
                {
                    context.ReportDiagnostic(Diagnostic.Create(MissingState, location, missing.Name));
                }
            }
        }

        private void CollectTable(IOperation operation)
        {
            operation = WithoutConversions(operation);
            switch (operation)
            {
                // new Dictionary<string, JobState>(...) { ... }.ToFrozenDictionary(StringComparer.Ordinal)
                case IInvocationOperation invocation when IsCopyToDictionary(invocation, out var source):
                    CollectTable(source);
                    break;

                case IObjectCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.Initializers)
                    {
                        CollectInitializerElement(element);
                    }

                    break;

                // new Dictionary<string, JobState>([ new("queued", JobState.Queued), ... ])
                case IObjectCreationOperation creation when creation.Arguments.Count(a => !IsComparer(a.Value.Type)) == 1:
                    CollectTable(creation.Arguments.First(a => !IsComparer(a.Value.Type)).Value);
                    break;

                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements)
                    {
                        CollectPair(element);
                    }

                    break;

                case IArrayCreationOperation { Initializer: { } array }:
                    foreach (var element in array.ElementValues)
                    {
                        CollectPair(element);
                    }

                    break;

                default:
                    Fail(operation, "its initializer is not a dictionary or collection initializer of pairs");
                    break;
            }
        }

        private void CollectInitializerElement(IOperation element)
        {
            switch (element)
            {
                // ["queued"] = JobState.Queued
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer } assignment:
                    AddEntry(indexer.Arguments[0].Value, assignment.Value);
                    break;

                // { "queued", JobState.Queued }
                case IInvocationOperation { Arguments.Length: 2 } add:
                    AddEntry(add.Arguments[0].Value, add.Arguments[1].Value);
                    break;

                // new KeyValuePair<string, JobState>("queued", JobState.Queued)
                case IInvocationOperation { Arguments.Length: 1 } add:
                    CollectPair(add.Arguments[0].Value);
                    break;

                default:
                    Fail(element, "an element is neither [\"status\"] = JobState.X nor { \"status\", JobState.X }");
                    break;
            }
        }

        private void CollectPair(IOperation element)
        {
            element = WithoutConversions(element);
            switch (element)
            {
                case ITupleOperation { Elements.Length: 2 } tuple:
                    AddEntry(tuple.Elements[0], tuple.Elements[1]);
                    break;
                case IObjectCreationOperation { Arguments.Length: 2 } pair when IsKeyValuePair(pair.Type):
                    AddEntry(pair.Arguments[0].Value, pair.Arguments[1].Value);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Create", Arguments.Length: 2 } create when create.TargetMethod.ContainingType.Name == "KeyValuePair":
                    AddEntry(create.Arguments[0].Value, create.Arguments[1].Value);
                    break;
                default:
                    Fail(element, "an element is not a (\"status\", JobState.X) pair");
                    break;
            }
        }

        private void AddEntry(IOperation key, IOperation value)
        {
            if (WithoutConversions(key).ConstantValue is not { HasValue: true, Value: string status })
            {
                Fail(key, "a status string is not a constant");
            }
            else if (!jobState.TryGetConstant(value, out var state))
            {
                Fail(value, "a value is not a JobState member");
            }
            else
            {
                _entries.Add((key, status, value, state));
            }
        }

        private void Fail(IOperation culprit, string reason) => _failure ??= (culprit, reason);

        // Copies that keep every entry as it is: the source plus, at most, a key comparer.
        private static bool IsCopyToDictionary(IInvocationOperation invocation, out IOperation source)
        {
            var from = invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value;
            source = from!;
            return from is not null
                && invocation.TargetMethod.Name is "ToFrozenDictionary" or "ToImmutableDictionary" or "ToDictionary"
                && invocation.Arguments.All(a => a.Value == from || IsComparer(a.Value.Type) || a.ArgumentKind == ArgumentKind.DefaultValue);
        }

        private static bool IsComparer(ITypeSymbol? type) =>
            type is not null
            && (type.Name == "IEqualityComparer" || type.AllInterfaces.Any(i => i.Name == "IEqualityComparer"));

        private static bool IsKeyValuePair(ITypeSymbol? type) =>
            type is INamedTypeSymbol { Name: "KeyValuePair", Arity: 2 };

        private static IOperation WithoutConversions(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
