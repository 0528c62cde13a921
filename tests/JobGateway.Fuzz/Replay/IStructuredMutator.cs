namespace JobGateway.Fuzz.Replay;

/// <summary>A mutation that knows the input's shape (JSON, a UUID), reaching states random bytes rarely do.</summary>
internal interface IStructuredMutator
{
    /// <summary>A mutated copy, or null when the input has no structure left to work on.</summary>
    byte[]? Mutate(byte[] input, IReadOnlyList<byte[]> corpus, Random random);
}
