using Grpc.Core;

namespace JobGateway.Grpc;

/// <summary>Job ids are UUIDs; anything else is refused before any upstream call.</summary>
internal static class JobIdValidator
{
    private const int EchoLimit = 48;

    /// <summary>The id in canonical lower-case form.</summary>
    /// <exception cref="RpcException">INVALID_ARGUMENT, naming the field and what was wrong.</exception>
    public static string Validate(string jobId)
    {
        if (string.IsNullOrEmpty(jobId))
        {
            throw Invalid("job_id is required: pass the upstream job's UUID, e.g. \"0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d\".");
        }

        // Exactly 8-4-4-4-12 hex digits: Guid.TryParseExact also takes forms such as "0x6f3c1e-…" or a
        // '+' sign in a group, which would turn into another id than the one the caller gave (found by fuzzing).
        if (jobId.Length != 36 || !IsCanonical(jobId) || !Guid.TryParseExact(jobId, "D", out var id))
        {
            throw Invalid($"job_id must be a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx; got {Echo(jobId)}.");
        }

        return id.ToString("D");
    }

    private static bool IsCanonical(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? value[i] != '-' : !char.IsAsciiHexDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    private static string Echo(string value)
    {
        if (value.Length <= EchoLimit)
        {
            return $"\"{Sanitize(value)}\"";
        }

        // Never cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(value[EchoLimit - 1]) ? EchoLimit - 1 : EchoLimit;
        return $"a {value.Length}-character string starting \"{Sanitize(value[..cut])}\"";
    }

    private static string Sanitize(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                // Control and format characters (such as U+202E, right-to-left override) and lone
                // surrogates are not echoed into a message people read.
                var c = source[i];
                var lone = char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                    && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(source[i - 1]));
                span[i] = char.IsControl(c) || lone || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '?' : c;
            }
        });
}
