using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using JobGateway.V1;

namespace JobGateway.Cli.Output;

/// <summary>The job as aligned "label  value" lines, and a watch as one line per change.</summary>
internal sealed class TextRenderer(TextWriter output) : IJobRenderer
{
    private const int LabelWidth = 12;
    private const string StatePrefix = "JOB_STATE_";
    private static readonly EnumDescriptor JobStates = JobReflection.Descriptor.EnumTypes.Single(type => type.ClrType == typeof(JobState));

    public void WriteJob(Job job)
    {
        Line("job", job.JobId);
        Line("state", $"{StateName(job.State)} (upstream status: {UpstreamStatus(job)})");
        Line("revision", job.Revision.ToString(CultureInfo.InvariantCulture));
        Line("created", Time(job.CreatedAt));
        Line("completed", Time(job.CompletedAt));
        WriteResult(job);
        Fields("extra", job.Extra);
    }

    public void WriteChange(Job job, DateTimeOffset observedAt) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{observedAt:HH:mm:ss}  rev {job.Revision}  {StateName(job.State),-21}  {UpstreamStatus(job)}"));

    public void WriteOutcome(Job job) => WriteResult(job);

    /// <summary>The state as the proto spells it without its prefix (COMPLETED); a number the contract does not name yet stays a number.</summary>
    public static string StateName(JobState state) =>
        JobStates.FindValueByNumber((int)state)?.Name is { } name
            ? name[StatePrefix.Length..]
            : ((int)state).ToString(CultureInfo.InvariantCulture);

    private void WriteResult(Job job)
    {
        if (job.Result is not { } result)
        {
            return;
        }

        var label = "results";
        foreach (var url in result.Urls)
        {
            Line(label, url);
            label = string.Empty;
        }

        if (result.Error.Length > 0)
        {
            Line("error", result.Error);
        }

        if (result.StyleId.Length > 0)
        {
            Line("style", result.StyleId);
        }

        Fields("result extra", result.Extra);
    }

    // Extra fields are arbitrary JSON from the upstream; printing each value as JSON keeps strings,
    // numbers and nested objects unambiguous.
    private void Fields(string label, Struct? fields)
    {
        if (fields is null)
        {
            return;
        }

        foreach (var (name, value) in fields.Fields.OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            Line(label, $"{name} = {JsonFormatter.Default.Format(value)}");
            label = string.Empty;
        }
    }

    private void Line(string label, string value) => output.WriteLine($"{label.PadRight(LabelWidth)}{value}");

    private static string UpstreamStatus(Job job) => job.UpstreamStatus.Length > 0 ? job.UpstreamStatus : "-";

    private static string Time(Timestamp? timestamp) =>
        timestamp is null ? "-" : timestamp.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
