using System.CommandLine.Parsing;
using System.Globalization;

namespace JobGateway.Cli;

/// <summary>Parses durations the way people type them (<c>30s</c>, <c>500ms</c>, <c>2m</c>), which <see cref="TimeSpan.Parse(string)"/> does not.</summary>
internal static class Durations
{
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (TryParse(text, out var value))
        {
            return value;
        }

        var option = (result.Parent as OptionResult)?.Option.Name ?? "the option";
        result.AddError($"{option}: '{text}' is not a duration; use e.g. 30s, 500ms, 2m or 1h");
        return null;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var (number, unit) = Split(text.Trim());
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
        }

        double? milliseconds = unit switch
        {
            "ms" => amount,
            "" or "s" => amount * 1_000,
            "m" => amount * 60_000,
            "h" => amount * 3_600_000,
            _ => null,
        };
        if (milliseconds is not (> 0 and < int.MaxValue))
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds.Value);
        return true;
    }

    public static string Format(TimeSpan value) =>
        value.TotalSeconds >= 1 && value.Milliseconds == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.##}s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0}ms");

    private static (string Number, string Unit) Split(string text)
    {
        var end = text.Length;
        while (end > 0 && char.IsAsciiLetter(text[end - 1]))
        {
            end--;
        }

        return (text[..end], text[end..].ToLowerInvariant());
    }
}
