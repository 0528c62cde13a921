namespace JobGateway.Fuzz.Replay;

/// <summary>Copy-on-write edits of a byte array; every mutation returns a new array so corpus entries stay intact.</summary>
internal static class Bytes
{
    public static byte[] Replace(ReadOnlySpan<byte> data, int start, int length, ReadOnlySpan<byte> insert)
    {
        var result = new byte[data.Length - length + insert.Length];
        data[..start].CopyTo(result);
        insert.CopyTo(result.AsSpan(start));
        data[(start + length)..].CopyTo(result.AsSpan(start + insert.Length));
        return result;
    }

    public static byte[] Insert(ReadOnlySpan<byte> data, int at, ReadOnlySpan<byte> insert) => Replace(data, at, 0, insert);

    public static byte[] Delete(ReadOnlySpan<byte> data, int start, int length) => Replace(data, start, length, []);

    public static byte[] Concat(params ReadOnlySpan<byte[]> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        var result = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
