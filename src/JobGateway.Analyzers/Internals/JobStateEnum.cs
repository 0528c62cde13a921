using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace JobGateway.Analyzers.Internals;

/// <summary>The <c>JobGateway.V1.JobState</c> enum of one compilation, with its members' values.</summary>
internal sealed class JobStateEnum
{
    private JobStateEnum(INamedTypeSymbol type, ImmutableArray<IFieldSymbol> members)
    {
        Type = type;
        Members = members;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The members in declaration order.</summary>
    public ImmutableArray<IFieldSymbol> Members { get; }

    public static JobStateEnum? Find(Compilation compilation)
    {
        var type = compilation.GetTypeByMetadataName(KnownNames.JobState);
        if (type is null || type.TypeKind != TypeKind.Enum)
        {
            return null;
        }

        var members = type.GetMembers()
            .OfType<IFieldSymbol>()
            .Where(f => f.HasConstantValue && f.ConstantValue is not null)
            .ToImmutableArray();
        return new JobStateEnum(type, members);
    }

    public static long ValueOf(IFieldSymbol member) => ToInt64(member.ConstantValue!);

    /// <summary>True for JobState and JobState?.</summary>
    public bool IsJobStateOrNullable(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return SymbolEqualityComparer.Default.Equals(type, Type);
    }

    /// <summary>
    /// The value of <paramref name="operation"/> when it is a JobState constant, looking through
    /// conversions (boxing, lifting to nullable) that the compiler inserts around it.
    /// </summary>
    public bool TryGetConstant(IOperation? operation, out long value)
    {
        for (var current = operation; current is not null;)
        {
            if (SymbolEqualityComparer.Default.Equals(current.Type, Type)
                && current.ConstantValue is { HasValue: true, Value: { } constant })
            {
                value = ToInt64(constant);
                return true;
            }

            current = current is IConversionOperation conversion ? conversion.Operand : null;
        }

        value = 0;
        return false;
    }

    /// <summary>Every JobState constant that the pattern names through constant and <c>or</c> patterns.</summary>
    public void CollectNamedValues(IPatternOperation pattern, HashSet<long> values)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant when TryGetConstant(constant.Value, out var value):
                values.Add(value);
                break;
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or:
                CollectNamedValues(or.LeftPattern, values);
                CollectNamedValues(or.RightPattern, values);
                break;
        }
    }

    private static long ToInt64(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
