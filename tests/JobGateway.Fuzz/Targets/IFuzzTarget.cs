namespace JobGateway.Fuzz.Targets;

/// <summary>A function under fuzz, wrapped so that any breach of its contract surfaces as <see cref="ContractViolationException"/>.</summary>
internal interface IFuzzTarget
{
    /// <summary>The name used on the command line and as the corpus folder.</summary>
    string Name { get; }

    /// <summary>File extension for saved inputs, so a finding opens in the right editor.</summary>
    string FileExtension { get; }

    /// <summary>Runs one input.</summary>
    /// <exception cref="ContractViolationException">The target broke its contract on this input.</exception>
    TargetResult Run(ReadOnlySpan<byte> input);
}
