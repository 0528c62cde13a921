namespace JobGateway.Fuzz.Replay;

/// <summary>Edits that keep a JSON text well-formed more often than not.</summary>
internal static class JsonEdits
{
    /// <summary>Deletes <c>[start, end)</c> with one neighbouring comma, as when dropping a property or an array element.</summary>
    public static byte[] RemoveWithComma(byte[] input, int start, int end)
    {
        var after = end;
        while (after < input.Length && IsSpace(input[after]))
        {
            after++;
        }

        if (after < input.Length && input[after] == (byte)',')
        {
            return Bytes.Delete(input, start, after + 1 - start);
        }

        var before = start - 1;
        while (before >= 0 && IsSpace(input[before]))
        {
            before--;
        }

        return before >= 0 && input[before] == (byte)','
            ? Bytes.Delete(input, before, end - before)
            : Bytes.Delete(input, start, end - start);
    }

    private static bool IsSpace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
