using System.Buffers.Binary;
using System.Text;

namespace JobGateway.Fuzz.Targets;

/// <summary>
/// Turns fuzz bytes into the string a gRPC client could send. UTF-8 by default; a leading FF FE switches to
/// UTF-16LE so that lone surrogates, which UTF-8 cannot carry, reach the validator too.
/// </summary>
internal static class JobIdInput
{
    public static string Decode(ReadOnlySpan<byte> input)
    {
        if (input.Length >= 2 && input[0] == 0xFF && input[1] == 0xFE)
        {
            var body = input[2..];
            var chars = new char[body.Length / 2];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(body.Slice(2 * i, 2));
            }

            return new string(chars);
        }

        return Encoding.UTF8.GetString(input);
    }
}
