using System.Linq;
using Microsoft.CodeAnalysis;

namespace JobGateway.Analyzers.Internals;

internal static class SymbolExtensions
{
    public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol attributeType) =>
        symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    /// <summary>True when <paramref name="type"/> or one of the types that contain it carries the attribute.</summary>
    public static bool IsOrIsNestedInTypeWith(this INamedTypeSymbol? type, INamedTypeSymbol attributeType)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.HasAttribute(attributeType))
            {
                return true;
            }
        }

        return false;
    }
}
