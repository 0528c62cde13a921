using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using JobGateway.Upstream;
using JobGateway.V1;

namespace JobGateway.Fuzz.Targets;

/// <summary>
/// <see cref="UpstreamJobMapper.Map(ReadOnlySpan{byte}, string)"/>: for any bytes it returns a job or throws
/// <see cref="UpstreamException"/> (kind InvalidResponse). A returned job must also be one the gateway can send:
/// it names the job that was asked for, has a status, and survives the protobuf wire and JSON formats.
/// </summary>
internal sealed class MapperTarget : IFuzzTarget
{
    /// <summary>The id every seed carries, so mutations reach the code past the id check.</summary>
    public const string ExpectedJobId = "0b6f3c1e-8f9a-4a57-9d3c-2f1e4b5a6c7d";

    private const int JsonCheckLimit = 64 * 1024;

    public string Name => "mapper";

    public string FileExtension => ".json";

    public TargetResult Run(ReadOnlySpan<byte> input)
    {
        Job job;
        var meter = CallMeter.Start();
        try
        {
            job = UpstreamJobMapper.Map(input, ExpectedJobId);
        }
        catch (UpstreamException ex)
        {
            var (elapsed, allocated) = (meter.Elapsed, meter.Allocated);
            CheckRejection(ex);
            return new TargetResult(Verdict.Rejected, elapsed, allocated, ex.Message);
        }
#pragma warning disable CA1031 // Any other exception is exactly what the fuzzer looks for.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw ContractViolationException.Unexpected(Name, ex);
        }

        var (took, allocatedOnAccept) = (meter.Elapsed, meter.Allocated);
        CheckJob(job, input.Length);
        var note = HasNonFiniteNumber(job) ? "accepted a number outside the double range (kept as ±Infinity)" : null;
        return new TargetResult(Verdict.Accepted, took, allocatedOnAccept, job.State.ToString(), note);
    }

    private void CheckRejection(UpstreamException ex)
    {
        if (ex.Kind != UpstreamFailureKind.InvalidResponse)
        {
            throw ContractViolationException.Broken(Name, "rejections are InvalidResponse", $"kind was {ex.Kind}: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(ex.Message))
        {
            throw ContractViolationException.Broken(Name, "rejections say why", "the exception has no message");
        }
    }

    private void CheckJob(Job job, int inputLength)
    {
        if (!string.Equals(job.JobId, ExpectedJobId, StringComparison.OrdinalIgnoreCase))
        {
            throw ContractViolationException.Broken(Name, "an accepted job is the one asked for", $"job_id was '{job.JobId}'");
        }

        if (job.UpstreamStatus.Length == 0)
        {
            throw ContractViolationException.Broken(Name, "an accepted job has a status", "upstream_status is empty");
        }

        if (job.State != JobStatusTable.ToState(job.UpstreamStatus))
        {
            throw ContractViolationException.Broken(Name, "state follows the status table", $"status '{job.UpstreamStatus}' mapped to {job.State}");
        }

        Job copy;
        try
        {
            copy = Job.Parser.ParseFrom(job.ToByteArray());

            // The CLI prints jobs with JsonFormatter. On the 1 MiB stress bodies that costs seconds and adds
            // nothing the small inputs do not already cover.
            if (inputLength <= JsonCheckLimit)
            {
                _ = JsonFormatter.Default.Format(job);
            }
        }
#pragma warning disable CA1031 // An accepted job that cannot be sent or printed is a bug whatever the exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw ContractViolationException.Broken(Name, "an accepted job can be sent and printed", $"{ex.GetType().Name}: {ex.Message}", ex);
        }

        if (!copy.Equals(job))
        {
            throw ContractViolationException.Broken(Name, "an accepted job survives the wire format", "the parsed copy differs");
        }
    }

    private static bool HasNonFiniteNumber(Job job) =>
        HasNonFiniteNumber(job.Extra) || HasNonFiniteNumber(job.Result?.Extra);

    private static bool HasNonFiniteNumber(Struct? value) =>
        value is not null && value.Fields.Values.Any(HasNonFiniteNumber);

    private static bool HasNonFiniteNumber(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.NumberValue => !double.IsFinite(value.NumberValue),
        Value.KindOneofCase.StructValue => HasNonFiniteNumber(value.StructValue),
        Value.KindOneofCase.ListValue => value.ListValue.Values.Any(HasNonFiniteNumber),
        _ => false,
    };
}
