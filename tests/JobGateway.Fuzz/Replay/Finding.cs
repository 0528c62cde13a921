using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>One distinct contract violation: the first input that showed it, and how many inputs did.</summary>
internal sealed class Finding(IFuzzTarget target, byte[] input, ContractViolationException violation)
{
    public IFuzzTarget Target { get; } = target;

    public byte[] Input { get; } = input;

    public ContractViolationException Violation { get; } = violation;

    public int Count { get; set; } = 1;
}
