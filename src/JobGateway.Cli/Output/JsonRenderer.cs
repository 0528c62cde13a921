using Google.Protobuf;
using JobGateway.V1;

namespace JobGateway.Cli.Output;

/// <summary>
/// The job in the proto3 JSON mapping, one compact object per line: <c>get --json | jq</c> and
/// <c>watch --json</c> (NDJSON) both parse line by line, and field names match every other gRPC client's.
/// </summary>
internal sealed class JsonRenderer(TextWriter output) : IJobRenderer
{
    public void WriteJob(Job job) => output.WriteLine(JsonFormatter.Default.Format(job));

    public void WriteChange(Job job, DateTimeOffset observedAt) => WriteJob(job);

    // The last line already carries the terminal job; a summary object would break "one job per line".
    public void WriteOutcome(Job job)
    {
    }
}
