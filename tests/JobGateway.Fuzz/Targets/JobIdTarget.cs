using System.Globalization;
using Grpc.Core;
using JobGateway.Grpc;

namespace JobGateway.Fuzz.Targets;

/// <summary>
/// <see cref="JobIdValidator.Validate(string)"/>: returns the canonical lower-case UUID or throws
/// <see cref="RpcException"/> INVALID_ARGUMENT with a message under 300 characters. An accepted id must be one
/// <c>Guid.TryParseExact(id, "D")</c> accepts, and the result must be that GUID's canonical form.
/// </summary>
internal sealed class JobIdTarget : IFuzzTarget
{
    private const int MessageLimit = 300;

    public string Name => "jobid";

    public string FileExtension => ".txt";

    public TargetResult Run(ReadOnlySpan<byte> input)
    {
        var jobId = JobIdInput.Decode(input);
        string canonical;
        var meter = CallMeter.Start();
        try
        {
            canonical = JobIdValidator.Validate(jobId);
        }
        catch (RpcException ex)
        {
            var (elapsed, allocated) = (meter.Elapsed, meter.Allocated);
            return new TargetResult(Verdict.Rejected, elapsed, allocated, ex.Status.Detail, CheckRejection(ex, jobId));
        }
#pragma warning disable CA1031 // Any other exception is exactly what the fuzzer looks for.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw ContractViolationException.Unexpected(Name, ex);
        }

        var (took, allocatedOnAccept) = (meter.Elapsed, meter.Allocated);
        return new TargetResult(Verdict.Accepted, took, allocatedOnAccept, canonical, CheckAccepted(jobId, canonical));
    }

    private string? CheckRejection(RpcException ex, string jobId)
    {
        if (ex.StatusCode != StatusCode.InvalidArgument)
        {
            throw ContractViolationException.Broken(Name, "rejections are INVALID_ARGUMENT", $"status was {ex.StatusCode}");
        }

        var detail = ex.Status.Detail;
        if (string.IsNullOrWhiteSpace(detail) || detail.Length >= MessageLimit)
        {
            throw ContractViolationException.Broken(
                Name,
                "rejection messages are 1-299 characters",
                string.Create(CultureInfo.InvariantCulture, $"the message has {detail?.Length ?? 0} characters"));
        }

        // The echo keeps the first 48 characters; cutting between the halves of a pair leaves half a character
        // in a message that is sent as UTF-8.
        return HasLoneSurrogate(detail) && !HasLoneSurrogate(jobId)
            ? "the rejection message carries a lone surrogate: the echo cut a surrogate pair in half"
            : null;
    }

    private string? CheckAccepted(string jobId, string canonical)
    {
        if (!Guid.TryParseExact(jobId, "D", out var id))
        {
            throw ContractViolationException.Broken(Name, "accepted ids parse as Guid \"D\"", $"accepted '{jobId}'");
        }

        if (!string.Equals(canonical, id.ToString("D"), StringComparison.Ordinal))
        {
            throw ContractViolationException.Broken(Name, "the result is the canonical lower-case UUID", $"'{jobId}' became '{canonical}'");
        }

        // Guid's "D" parser still takes legacy "0x" and "+" prefixes inside a group; the id then differs
        // from the input by more than case. Not a contract breach, but worth knowing.
        return string.Equals(canonical, jobId, StringComparison.OrdinalIgnoreCase)
            ? null
            : "accepted an id that is not in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (the result differs beyond case)";
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
