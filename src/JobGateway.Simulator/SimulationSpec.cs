using System.Text.Json;

namespace JobGateway.Simulator;

/// <summary>
/// Chooses the lifecycle of one simulated job: the <c>simulation</c> object of a create
/// request. A preset supplies steps and outcome; <see cref="Steps"/> and <see cref="Outcome"/>
/// replace the preset's. Every member is optional; an empty spec is the <c>default</c> preset.
/// </summary>
public sealed class SimulationSpec
{
    /// <summary>
    /// <c>default</c> (queued 2 s, processing 2 s, sampling 2 s, completed), <c>fast</c> (the same
    /// with 0.2 s steps), <c>failed</c> (queued 2 s, processing 2 s, failed), <c>undocumented</c>
    /// (queued 2 s, warming-up 2 s, processing 2 s, completed) or <c>manual</c> (the default steps
    /// without durations: each waits until advanced through the control API).
    /// </summary>
    public string? Preset { get; init; }

    /// <summary>The pending statuses the job passes through, in order; replaces the preset's.</summary>
    public IReadOnlyList<SimulationStep>? Steps { get; init; }

    /// <summary>
    /// The status the job ends in after its last step: completed, failed, cancelled or any
    /// status Krea does not document (which is then treated as terminal too).
    /// </summary>
    public string? Outcome { get; init; }

    /// <summary>The <c>result.error</c> of a failed job, any JSON value; default <c>"Simulated failure"</c>.</summary>
    public JsonElement? Error { get; init; }

    /// <summary>The result URLs of a completed job; default 1 to 4 URLs under <c>https://sim.invalid/results/{job_id}/</c>.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>The <c>result.style_id</c> of a completed or failed job; absent by default.</summary>
    public string? StyleId { get; init; }

    /// <summary>Extra top-level fields of the job object, shown in every status (e.g. <c>preview_urls</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>Extra fields inside every result the job shows.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ResultExtra { get; init; }

    /// <summary>The result URLs shown while the job is <c>intermediate-complete</c>.</summary>
    public IReadOnlyList<string>? IntermediateUrls { get; init; }
}
