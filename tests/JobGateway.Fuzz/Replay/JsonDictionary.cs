using System.Text;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// JSON fragments the mapper has opinions about: its field names, every status, dates at the edges of the
/// range, numbers past double, strings that are not valid UTF-8 or UTF-16, nesting around the depth limit.
/// </summary>
internal static class JsonDictionary
{
    public static IReadOnlyList<byte[]> Names { get; } =
    [
        .. Utf8(
            "\"job_id\"", "\"status\"", "\"created_at\"", "\"completed_at\"", "\"result\"", "\"urls\"", "\"error\"",
            "\"style_id\"", "\"\"", "\"JOB_ID\"", "\"job_id \"", "\"job\\u005fid\"", "\"extra\"", "\"__proto__\"",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"é\"", "\"progress\""),
        Raw("\""u8, [0xC3, 0x28], "\""u8),
        Raw("\""u8, [0xED, 0xA0, 0x80], "\""u8),
        Utf8("\"" + new string('k', 300) + "\"")[0],
    ];

    public static IReadOnlyList<byte[]> Literals { get; } =
    [
        .. Utf8(
            "null", "true", "false", "0", "-0", "1", "-1", "0.5", "1e308", "-1e308", "1e309", "1e400", "-1e400",
            "1e-400", "4.9e-324", "123456789012345678901234567890", "9007199254740993", "1E+2", "-0.0e-0",
            "\"\"", "\"x\"", "\"backlogged\"", "\"queued\"", "\"scheduled\"", "\"processing\"", "\"sampling\"",
            "\"intermediate-complete\"", "\"completed\"", "\"failed\"", "\"cancelled\"", "\"COMPLETED\"", "\"paused\"",
            "\"2024-01-01T00:00:00Z\"", "\"2024-01-01T00:00:00.1234567+05:30\"", "\"0001-01-01T00:00:00+14:00\"",
            "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.9999999Z\"", "\"9999-12-31T23:59:59-14:00\"",
            "\"2024-02-30T00:00:00Z\"", "\"2024-01-01\"", "\"1700000000\"", "\"not a date\"", "\"  2024-01-01T00:00:00Z  \"",
            "\"0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d\"", "\"0B6F3C1E-8F9A-4A57-9D3C-2F1E4B5A6C7D\"",
            "\"0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7e\"", "\"{0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d}\"",
            "\"\\ud800\"", "\"\\udc00\"", "\"a\\ud800b\"", "\"\\ud800\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"",
            "\"\\\\\"", "\"\\/\"", "\"\\uFFFF\"", "\"é漢字🎨\"",
            "{}", "[]", "[null]", "[1,\"a\",{},[]]", "{\"a\":{\"b\":[1,{\"c\":null}]}}",
            "{\"urls\":[\"https://cdn.example/a.png\"]}", "{\"urls\":[1]}", "{\"urls\":\"x\"}", "{\"urls\":null}",
            "{\"urls\":[null]}", "{\"error\":{\"code\":1}}", "{\"error\":[1,2]}", "{\"error\":null}", "{\"style_id\":5}",
            "{\"style_id\":null}", "{\"urls\":[],\"error\":\"boom\",\"style_id\":\"s\",\"seed\":42}"),
        Raw("\""u8, [0xC3, 0x28], "\""u8),
        Raw("\""u8, [0xED, 0xA0, 0x80], "\""u8),
        Raw("\""u8, [0xF4, 0x90, 0x80, 0x80], "\""u8),
        Raw("\""u8, [0xC0, 0xAF], "\""u8),
        Raw("\""u8, [0xFF], "\""u8),
        Raw("\""u8, [0xE2, 0x82], "\""u8),
        Nested(30),
        Nested(31),
        Nested(32),
        Nested(33),
        Nested(200),
        Utf8("\"" + new string('a', 4096) + "\"")[0],
    ];

    /// <summary>Byte-level inserts: JSON punctuation, escapes and the literals above.</summary>
    public static IReadOnlyList<byte[]> Tokens { get; } =
    [
        .. Utf8("{", "}", "[", "]", "\"", "\\", ":", ",", " ", "\\u", "\\ud800", "\\udc00", "\\u0000", "e", "E", "-", "+",
            ".", "/*", "*/", "//", "\n", "\t", "\r", "NaN", "Infinity"),
        [0xEF, 0xBB, 0xBF],
        [0xC3],
        [0xED, 0xA0, 0x80],
        [0xF0, 0x9F, 0x8E],
        [0x00],
        .. Names,
        .. Literals,
    ];

    private static byte[][] Utf8(params string[] texts) => [.. texts.Select(Encoding.UTF8.GetBytes)];

    private static byte[] Raw(ReadOnlySpan<byte> open, byte[] body, ReadOnlySpan<byte> close) =>
        Bytes.Concat(open.ToArray(), body, close.ToArray());

    private static byte[] Nested(int depth) =>
        Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));
}
