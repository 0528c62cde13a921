using System.Text;

namespace JobGateway.Fuzz.Replay;

/// <summary>Renders input bytes exactly and on one line: printable ASCII as is, everything else as \xNN.</summary>
internal static class Printable
{
    public static string Of(ReadOnlySpan<byte> data, int limit = 400)
    {
        var builder = new StringBuilder();
        foreach (var value in data[..Math.Min(limit, data.Length)])
        {
            _ = value switch
            {
                (byte)'\\' => builder.Append(@"\\"),
                >= 0x20 and < 0x7F => builder.Append((char)value),
                _ => builder.Append(@"\x").Append(value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)),
            };
        }

        return data.Length > limit ? builder.Append($"… ({data.Length} bytes)").ToString() : builder.ToString();
    }
}
