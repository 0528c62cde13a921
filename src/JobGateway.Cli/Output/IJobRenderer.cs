using JobGateway.V1;

namespace JobGateway.Cli.Output;

/// <summary>How a command shows jobs: text for people, or protobuf JSON for scripts (<c>--json</c>).</summary>
internal interface IJobRenderer
{
    static IJobRenderer For(bool json, TextWriter output) => json ? new JsonRenderer(output) : new TextRenderer(output);

    /// <summary>The whole job (<c>get</c>, <c>cancel</c>).</summary>
    void WriteJob(Job job);

    /// <summary>One message of a watch, observed at <paramref name="observedAt"/>.</summary>
    void WriteChange(Job job, DateTimeOffset observedAt);

    /// <summary>The end of a watch that reached <paramref name="job"/>'s terminal state.</summary>
    void WriteOutcome(Job job);
}
