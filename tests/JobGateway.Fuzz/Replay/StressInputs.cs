using System.Text;
using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// Large inputs mutation never grows to: bodies at the gateway's default response limit (1 MiB) built to
/// maximise parser work or allocations, so that time and memory are checked where they could run away.
/// </summary>
internal static class StressInputs
{
    private const int Size = 1024 * 1024;
    private const string Head = "{\"job_id\":\"" + MapperTarget.ExpectedJobId + "\",\"status\":\"completed\",";

    public static IEnumerable<(string Name, byte[] Input)> For(IFuzzTarget target) => target switch
    {
        MapperTarget => Mapper(),
        JobIdTarget => JobId(),
        _ => [],
    };

    private static IEnumerable<(string, byte[])> Mapper()
    {
        yield return ("1 MiB array of zeros", Job("\"big\":[", "0,", "0]}"));
        yield return ("1 MiB string", Job("\"big\":\"", "a", "\"}"));
        yield return ("1 MiB string of \\u escapes", Job("\"big\":\"", "\\u00e9", "\"}"));
        yield return ("50k distinct fields", Fields(i => $"\"f{i}\":{i},"));
        yield return ("50k duplicates of one field", Fields(_ => "\"dup\":[1],"));
        yield return ("50k duplicates of status", Fields(_ => "\"status\":\"queued\","));
        yield return ("100k urls", Job("\"result\":{\"urls\":[", "\"u\",", "\"u\"]}}"));
        yield return ("1 MiB error object", Job("\"result\":{\"error\":[", "{},", "{}]}}"));
        yield return ("1 MiB of [", Encoding.ASCII.GetBytes(new string('[', Size)));
        yield return ("1 MiB of {\"a\":", Repeat("{\"a\":", Size));
        yield return ("1 MiB of whitespace", Encoding.ASCII.GetBytes(new string(' ', Size) + "{}"));
        yield return ("depth 31 objects x 20k", Job("\"n\":[", Nested(30) + ",", "0]}"));
    }

    private static IEnumerable<(string, byte[])> JobId()
    {
        yield return ("1 MiB of hex", Encoding.ASCII.GetBytes(new string('a', Size)));
        yield return ("1 MiB of dashes", Encoding.ASCII.GetBytes(new string('-', Size)));
        yield return ("1 MiB of control characters", new byte[Size]);
        yield return ("1 MiB of emoji", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\U0001F3A8", Size / 4))));
    }

    private static byte[] Job(string open, string item, string close)
    {
        var builder = new StringBuilder(Size + 256).Append(Head).Append(open);
        while (builder.Length < Size)
        {
            builder.Append(item);
        }

        return Encoding.UTF8.GetBytes(builder.Append(close).ToString());
    }

    private static byte[] Fields(Func<int, string> field)
    {
        var builder = new StringBuilder(Size).Append(Head);
        for (var i = 0; i < 50_000; i++)
        {
            builder.Append(field(i));
        }

        return Encoding.UTF8.GetBytes(builder.Append("\"end\":0}").ToString());
    }

    private static byte[] Repeat(string text, int size) =>
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(text, size / text.Length)));

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "0" + new string('}', depth);
}
