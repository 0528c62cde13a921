using System.Buffers.Binary;
using System.Text;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// Builds almost-UUIDs: other Guid formats, legacy "0x"/"+" group prefixes, look-alike digits and dashes,
/// invisible characters, lone surrogates, and strings long enough to exercise the echo limit.
/// </summary>
internal sealed class JobIdMutator : IStructuredMutator
{
    private static readonly string[] LookAlikes =
    [
        "\u2010", "\u2011", "\u2212", "\u2013", "\uFF0D", "\uFF10", "\uFF41", "\uFF21", "\u0660", "\u06F0", "\u0966",
        "\u00A0", "\u200B", "\u200D", "\uFEFF", "\u202E", "\u0000", "\t", "\n", "\u0430", "\u0435", "\u212A", "\u0130",
        "\U0001F3A8", "\uFFFD",
    ];

    private static readonly string[] Formats = ["D", "N", "B", "P", "X"];

    /// <summary>Byte-level inserts for ids.</summary>
    public static IReadOnlyList<byte[]> Tokens { get; } =
        [.. LookAlikes.Concat(["-", "0x", "0X", "+", " ", "{", "}", "(", ")", "g", "G", "F", "a", "0", "9"]).Select(Encoding.UTF8.GetBytes)];

    public byte[]? Mutate(byte[] input, IReadOnlyList<byte[]> corpus, Random random)
    {
        var id = NewGuid(random).ToString("D");
        switch (random.Next(8))
        {
            case 0:
                return Encoding.UTF8.GetBytes(NewGuid(random).ToString(random.Pick(Formats)));
            case 1:
                return Encoding.UTF8.GetBytes(MixCase(id, random));
            case 2:
                return Encoding.UTF8.GetBytes(LegacyPrefix(id, random));
            case 3:
                {
                    var at = random.Next(id.Length);
                    return Encoding.UTF8.GetBytes(string.Concat(id.AsSpan(0, at), random.Pick(LookAlikes), id.AsSpan(at + 1)));
                }

            case 4:
                {
                    var at = random.Next(id.Length + 1);
                    return Encoding.UTF8.GetBytes(id.Insert(at, random.Pick(LookAlikes)));
                }

            case 5:
                {
                    // A lone surrogate needs the UTF-16 form of the input (see JobIdInput).
                    var at = random.Next(id.Length);
                    var surrogate = (char)(random.Next(2) == 0 ? 0xD800 + random.Next(0x400) : 0xDC00 + random.Next(0x400));
                    return Utf16(string.Concat(id.AsSpan(0, at), new string(surrogate, 1), id.AsSpan(at + 1)));
                }

            case 6:
                {
                    // A supplementary character straddling the 48-character echo limit.
                    var prefix = new string('x', 45 + random.Next(5));
                    return Utf16(prefix + "\U0001F3A8" + new string('y', random.Next(4)));
                }

            default:
                {
                    var length = 37 + random.Next(random.Next(2) == 0 ? 64 : 4096);
                    var builder = new StringBuilder(length);
                    while (builder.Length < length)
                    {
                        builder.Append(random.Next(3) == 0 ? random.Pick(LookAlikes) : id[random.Next(id.Length)].ToString());
                    }

                    return Encoding.UTF8.GetBytes(builder.ToString());
                }
        }
    }

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string MixCase(string id, Random random) =>
        string.Create(id.Length, (id, random), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.id[i];
                span[i] = state.random.Next(2) == 0 ? char.ToUpperInvariant(c) : c;
            }
        });

    // Guid.TryParseExact("D") still accepts "0x" and "+" at the start of a group when the group keeps its length.
    private static string LegacyPrefix(string id, Random random)
    {
        var groups = id.Split('-');
        var index = random.Next(groups.Length);
        var prefix = random.Pick(["0x", "0X", "+", "+0x", "-", " "]);
        groups[index] = prefix + groups[index][Math.Min(prefix.Length, groups[index].Length)..];
        return string.Join('-', groups);
    }

    private static byte[] Utf16(string text)
    {
        var result = new byte[2 + (2 * text.Length)];
        result[0] = 0xFF;
        result[1] = 0xFE;

        // By hand: Encoding.Unicode would replace the lone surrogates this exists to carry.
        for (var i = 0; i < text.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(2 + (2 * i)), text[i]);
        }

        return result;
    }
}
