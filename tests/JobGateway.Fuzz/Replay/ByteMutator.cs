namespace JobGateway.Fuzz.Replay;

/// <summary>AFL-style havoc steps: bit flips, byte edits, token and byte inserts, deletes, duplication, splices.</summary>
internal sealed class ByteMutator(IReadOnlyList<byte[]> tokens)
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xEF, 0xF4, 0xF5, 0xFE, 0xFF, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'-', (byte)'0', (byte)'e'];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus, Random random)
    {
        if (input.Length == 0)
        {
            return random.Pick(tokens);
        }

        var position = random.Next(input.Length);
        switch (random.Next(10))
        {
            case 0:
                {
                    var copy = (byte[])input.Clone();
                    copy[position] ^= (byte)(1 << random.Next(8));
                    return copy;
                }

            case 1:
                {
                    var copy = (byte[])input.Clone();
                    copy[position] = random.Pick(InterestingBytes);
                    return copy;
                }

            case 2:
                {
                    var copy = (byte[])input.Clone();
                    copy[position] = (byte)random.Next(256);
                    return copy;
                }

            case 3:
            case 4:
                return Bytes.Insert(input, random.Next(input.Length + 1), random.Pick(tokens));
            case 5:
                {
                    var noise = new byte[1 + random.Next(8)];
                    random.NextBytes(noise);
                    return Bytes.Insert(input, random.Next(input.Length + 1), noise);
                }

            case 6:
                return Bytes.Delete(input, position, 1 + random.Next(Math.Min(32, input.Length - position)));
            case 7:
                {
                    var length = 1 + random.Next(Math.Min(64, input.Length - position));
                    return Bytes.Insert(input, random.Next(input.Length + 1), input.AsSpan(position, length));
                }

            case 8:
                {
                    // Head of this input, tail of another: mixes structures the seeds only have apart.
                    var other = random.Pick(corpus);
                    var cut = random.Next(other.Length + 1);
                    return Bytes.Concat(input[..position], other[cut..]);
                }

            default:
                return input[..position];
        }
    }
}
