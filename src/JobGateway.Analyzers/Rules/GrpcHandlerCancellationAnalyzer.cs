using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using JobGateway.Analyzers.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace JobGateway.Analyzers.Rules;

/// <summary>
/// JGW0004: inside a gRPC handler every cancellable call gets the call's token, so a client that
/// goes away (or whose deadline passes) stops the work it started instead of leaking it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GrpcHandlerCancellationAnalyzer : DiagnosticAnalyzer
{
    private const string Title = "Pass the call's CancellationToken in gRPC handlers";
    private const string Description = "In a method with a Grpc.Core.ServerCallContext parameter, every call to a method that takes a CancellationToken must pass context.CancellationToken or a token that flows from it (a local assigned once from it, or a CancellationTokenSource linked to it), and an overload that takes a CancellationToken must be preferred.";

    private static readonly DiagnosticDescriptor WrongToken = new(
        RuleIdentifiers.GrpcHandlerCancellation,
        Title,
        "The CancellationToken passed to '{0}' does not come from the call's ServerCallContext; pass {1}.CancellationToken or a token linked to it",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.GrpcHandlerCancellation));

    private static readonly DiagnosticDescriptor OmittedToken = new(
        RuleIdentifiers.GrpcHandlerCancellation,
        Title,
        "'{0}' is called without its optional CancellationToken '{1}'; pass {2}.CancellationToken",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.GrpcHandlerCancellation));

    private static readonly DiagnosticDescriptor OverloadWithToken = new(
        RuleIdentifiers.GrpcHandlerCancellation,
        Title,
        "'{0}' has an overload that takes a CancellationToken; call it with {1}.CancellationToken",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.GrpcHandlerCancellation));

    private static readonly DiagnosticDescriptor UnlinkedSource = new(
        RuleIdentifiers.GrpcHandlerCancellation,
        Title,
        "None of the tokens linked by '{0}' comes from the call's ServerCallContext; link {1}.CancellationToken",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: Description,
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.GrpcHandlerCancellation));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(WrongToken, OmittedToken, OverloadWithToken, UnlinkedSource);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var serverCallContext = start.Compilation.GetTypeByMetadataName(KnownNames.ServerCallContext);
            var cancellationToken = start.Compilation.GetTypeByMetadataName(KnownNames.CancellationToken);
            var cancellationTokenSource = start.Compilation.GetTypeByMetadataName(KnownNames.CancellationTokenSource);
            if (serverCallContext is null || cancellationToken is null)
            {
                return;
            }

            var types = new KnownTypes(serverCallContext, cancellationToken, cancellationTokenSource);
            start.RegisterOperationBlockAction(c =>
            {
                if (c.OwningSymbol is IMethodSymbol method
                    && method.Parameters.Where(p => types.IsServerCallContext(p.Type)).ToList() is { Count: > 0 } contexts)
                {
                    new HandlerChecker(c, types, contexts).Check();
                }
            });
        });
    }

    private sealed class KnownTypes(INamedTypeSymbol serverCallContext, INamedTypeSymbol cancellationToken, INamedTypeSymbol? cancellationTokenSource)
    {
        public bool IsServerCallContext(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, serverCallContext))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsCancellationToken(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return SymbolEqualityComparer.Default.Equals(type, cancellationToken);
        }

        public bool IsCancellationTokenSource(ITypeSymbol? type) =>
            cancellationTokenSource is not null && SymbolEqualityComparer.Default.Equals(type, cancellationTokenSource);
    }

    /// <summary>
    /// Checks one handler. The data flow is deliberately small: a token is trusted when it is
    /// <c>context.CancellationToken</c>, the <c>Token</c> of a CancellationTokenSource local created
    /// by CreateLinkedTokenSource from a trusted token, a local assigned once (at its declaration)
    /// from a trusted expression, or a CancellationToken parameter of a lambda or local function
    /// inside the handler (their call sites are checked by this same rule or belong to a library
    /// that received a trusted token).
    /// </summary>
    private sealed class HandlerChecker(OperationBlockAnalysisContext context, KnownTypes types, List<IParameterSymbol> contexts)
    {
        private const int MaxDepth = 8;

        private readonly Dictionary<ILocalSymbol, IOperation> _initializers = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ILocalSymbol> _reassigned = new(SymbolEqualityComparer.Default);
        private readonly List<IInvocationOperation> _invocations = [];

        private string ContextName => contexts[0].Name;

        public void Check()
        {
            foreach (var operation in context.OperationBlocks.SelectMany(b => b.DescendantsAndSelf()))
            {
                Record(operation);
            }

            foreach (var invocation in _invocations)
            {
                CheckInvocation(invocation);
            }
        }

        private void Record(IOperation operation)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                    _initializers[declarator.Symbol] = initializer.Value;
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var local in deconstruction.Target.DescendantsAndSelf().OfType<ILocalReferenceOperation>())
                    {
                        _reassigned.Add(local.Local);
                    }

                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target }:
                    _reassigned.Add(target.Local);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation byRef }:
                    _reassigned.Add(byRef.Local);
                    break;
                case IInvocationOperation invocation:
                    _invocations.Add(invocation);
                    break;
            }
        }

        private void CheckInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var tokenArguments = invocation.Arguments.Where(a => a.Parameter is not null && types.IsCancellationToken(a.Parameter.Type)).ToList();

            if (method.Name == "CreateLinkedTokenSource" && types.IsCancellationTokenSource(method.ContainingType))
            {
                // Linking the call's token with a timeout is the intended way to add one, so one
                // trusted token among those linked is enough.
                if (!invocation.Arguments.Any(a => a.Value.DescendantsAndSelf().Any(v => types.IsCancellationToken(v.Type) && IsTrusted(v, 0))))
                {
                    Report(UnlinkedSource, invocation, method.Name, ContextName);
                }

                return;
            }

            foreach (var argument in tokenArguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    Report(OmittedToken, invocation, Display(method), argument.Parameter!.Name, ContextName);
                }
                else if (!IsTrusted(argument.Value, 0))
                {
                    Report(WrongToken, argument, Display(method), ContextName);
                }
            }

            if (tokenArguments.Count == 0 && !method.Parameters.Any(p => types.IsCancellationToken(p.Type)) && HasOverloadWithTrailingToken(method))
            {
                Report(OverloadWithToken, invocation, Display(method), ContextName);
            }
        }

        private bool IsTrusted(IOperation operation, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            operation = WithoutConversions(operation);
            switch (operation)
            {
                case IPropertyReferenceOperation { Property.Name: "CancellationToken", Instance: { } instance }
                    when types.IsServerCallContext(instance.Type):
                    return WithoutConversions(instance) is IParameterReferenceOperation p && contexts.Contains(p.Parameter, SymbolEqualityComparer.Default);

                case IPropertyReferenceOperation { Property.Name: "Token", Instance: { } source }
                    when types.IsCancellationTokenSource(source.Type):
                    return IsTrustedSource(source, depth + 1);

                case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } } parameter:
                    return types.IsCancellationToken(parameter.Type);

                case ILocalReferenceOperation local:
                    return TryGetSingleValue(local.Local, out var value) && IsTrusted(value, depth + 1);

                default:
                    return false;
            }
        }

        private bool IsTrustedSource(IOperation source, int depth)
        {
            if (depth > MaxDepth)
            {
                return false;
            }

            source = WithoutConversions(source);
            return source switch
            {
                ILocalReferenceOperation local => TryGetSingleValue(local.Local, out var value) && IsTrustedSource(value, depth + 1),
                IInvocationOperation { TargetMethod.Name: "CreateLinkedTokenSource" } link when types.IsCancellationTokenSource(link.TargetMethod.ContainingType) =>
                    link.Arguments.Any(a => a.Value.DescendantsAndSelf().Any(v => types.IsCancellationToken(v.Type) && IsTrusted(v, depth + 1))),
                _ => false,
            };
        }

        private bool TryGetSingleValue(ILocalSymbol local, out IOperation value)
        {
            value = null!;
            return !_reassigned.Contains(local) && _initializers.TryGetValue(local, out value!);
        }

        private bool HasOverloadWithTrailingToken(IMethodSymbol method)
        {
            var original = method.OriginalDefinition;
            var containingTypes = new List<ITypeSymbol>();
            for (ITypeSymbol? type = original.ContainingType; type is not null; type = type.BaseType)
            {
                containingTypes.Add(type);
            }

            containingTypes.AddRange(original.ContainingType.AllInterfaces);
            return containingTypes
                .SelectMany(t => t.GetMembers(original.Name))
                .OfType<IMethodSymbol>()
                .Any(candidate => IsSameWithTrailingToken(original, candidate.OriginalDefinition)
                    && context.Compilation.IsSymbolAccessibleWithin(candidate, context.OwningSymbol.ContainingType));
        }

        private bool IsSameWithTrailingToken(IMethodSymbol method, IMethodSymbol candidate)
        {
            if (candidate.IsStatic != method.IsStatic
                || candidate.Parameters.Length != method.Parameters.Length + 1
                || candidate.TypeParameters.Length != method.TypeParameters.Length
                || !types.IsCancellationToken(candidate.Parameters[candidate.Parameters.Length - 1].Type)
                || candidate.GetAttributes().Any(a => a.AttributeClass?.Name == "ObsoleteAttribute"))
            {
                return false;
            }

            for (var i = 0; i < method.Parameters.Length; i++)
            {
                if (method.Parameters[i].RefKind != candidate.Parameters[i].RefKind
                    || !SameType(method.Parameters[i].Type, candidate.Parameters[i].Type))
                {
                    return false;
                }
            }

            return true;
        }

        // Method type parameters of two overloads are different symbols: match them by position.
        private static bool SameType(ITypeSymbol left, ITypeSymbol right) => (left, right) switch
        {
            (ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } l, ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } r) => l.Ordinal == r.Ordinal,
            (IArrayTypeSymbol l, IArrayTypeSymbol r) => l.Rank == r.Rank && SameType(l.ElementType, r.ElementType),
            (INamedTypeSymbol { IsGenericType: true } l, INamedTypeSymbol { IsGenericType: true } r) =>
                SymbolEqualityComparer.Default.Equals(l.OriginalDefinition, r.OriginalDefinition)
                && l.TypeArguments.Zip(r.TypeArguments, SameType).All(same => same),
            _ => SymbolEqualityComparer.Default.Equals(left, right),
        };

        private void Report(DiagnosticDescriptor descriptor, IOperation at, params object[] args) =>
            context.ReportDiagnostic(Diagnostic.Create(descriptor, at.Syntax.GetLocation(), args));

        private static string Display(IMethodSymbol method) => method.ContainingType.Name + "." + method.Name;

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
