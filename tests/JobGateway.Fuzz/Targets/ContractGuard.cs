using System.Globalization;

namespace JobGateway.Fuzz.Targets;

/// <summary>The checks common to every target: its own contract, and memory linear in the input.</summary>
internal static class ContractGuard
{
    /// <summary>Allowed for any input: exception messages, a parser's first buffers.</summary>
    public const long FixedAllowance = 1024 * 1024;

    /// <summary>
    /// Allowed per input byte. The mapper legitimately builds a document and a protobuf tree (an array of small
    /// numbers costs ~50 bytes per input byte); a superlinear blow-up goes far past this on any input worth fuzzing.
    /// </summary>
    public const long PerByteAllowance = 256;

    /// <exception cref="ContractViolationException">The target broke its contract on this input.</exception>
    public static TargetResult Run(IFuzzTarget target, ReadOnlySpan<byte> input)
    {
        var result = target.Run(input);
        var budget = FixedAllowance + (PerByteAllowance * input.Length);
        if (result.AllocatedBytes > budget)
        {
            throw ContractViolationException.Broken(
                target.Name,
                "memory stays linear in the input",
                string.Create(CultureInfo.InvariantCulture, $"allocated {result.AllocatedBytes} bytes for a {input.Length}-byte input (budget {budget})"));
        }

        return result;
    }
}
