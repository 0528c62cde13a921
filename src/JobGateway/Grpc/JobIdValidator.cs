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

        if (jobId.Length != 36 || !Guid.TryParseExact(jobId, "D", out var id))
        {
            throw Invalid($"job_id must be a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx; got {Echo(jobId)}.");
        }

        return id.ToString("D");
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    private static string Echo(string value) =>
        value.Length <= EchoLimit
            ? $"\"{Sanitize(value)}\""
            : $"a {value.Length}-character string starting \"{Sanitize(value[..EchoLimit])}\"";

    private static string Sanitize(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
}
