namespace JobGateway.Fuzz.Replay;

/// <summary>Stacks one to six mutations, half of them shape-aware, the way AFL's havoc stage does.</summary>
internal sealed class Mutator(ByteMutator bytes, IStructuredMutator structured, int maxLength)
{
    public byte[] Next(byte[] seed, IReadOnlyList<byte[]> corpus, Random random)
    {
        var current = seed;
        var steps = 1 + random.Next(random.Next(2) == 0 ? 2 : 6);
        for (var i = 0; i < steps; i++)
        {
            current = random.Next(2) == 0
                ? structured.Mutate(current, corpus, random) ?? bytes.Mutate(current, corpus, random)
                : bytes.Mutate(current, corpus, random);
            if (current.Length > maxLength)
            {
                current = current[..maxLength];
            }
        }

        return current;
    }
}
