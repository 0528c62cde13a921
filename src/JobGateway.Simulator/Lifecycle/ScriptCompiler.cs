using System.Globalization;
using System.Text.Json;

namespace JobGateway.Simulator.Lifecycle;

/// <summary>Turns a <see cref="SimulationSpec"/> into a <see cref="JobScript"/>, rejecting what cannot be simulated.</summary>
internal static class ScriptCompiler
{
    public const int MaxSteps = 1000;

    // A year per step keeps every sum of steps far from DateTimeOffset's range.
    public const double MaxStepSeconds = 365 * 24 * 3600;

    private static readonly string[] ReservedJobFields = ["job_id", "status", "created_at", "completed_at", "result"];
    private static readonly string[] ReservedResultFields = ["urls", "style_id", "error"];
    private static readonly JsonElement DefaultError = JsonSerializer.SerializeToElement("Simulated failure", Json.SimulatorJsonContext.Default.String);

    public static JobScript Compile(SimulationSpec spec, Guid jobId, int defaultUrlCount)
    {
        var preset = spec.Preset ?? Presets.Default;
        if (!Presets.TryGet(preset, out var presetSteps, out var presetOutcome))
        {
            throw Invalid($"simulation.preset '{preset}' is unknown; use one of {Presets.Names}");
        }

        var steps = spec.Steps is null ? presetSteps : CompileSteps(spec.Steps);
        var outcome = spec.Outcome ?? presetOutcome;
        if (string.IsNullOrWhiteSpace(outcome) || JobStatuses.IsDocumentedPending(outcome))
        {
            throw Invalid($"simulation.outcome '{outcome}' is not a final status; use completed, failed, cancelled or an undocumented status, and put pending statuses in simulation.steps");
        }

        var resultExtra = CheckFields(spec.ResultExtra, ReservedResultFields, "simulation.result_extra");
        var urls = CheckUrls(spec.Urls, "simulation.urls") ?? DefaultUrls(jobId, "", defaultUrlCount);
        var intermediateUrls = CheckUrls(spec.IntermediateUrls, "simulation.intermediate_urls") ?? DefaultUrls(jobId, "intermediate-", 1);
        return new JobScript(
            steps,
            outcome,
            completedResult: new SimulatedJobResult(urls, spec.StyleId, Error: null, resultExtra),
            failedResult: new SimulatedJobResult([], spec.StyleId, spec.Error ?? DefaultError, resultExtra),
            intermediateResult: new SimulatedJobResult(intermediateUrls, spec.StyleId, Error: null, resultExtra),
            extra: CheckFields(spec.Extra, ReservedJobFields, "simulation.extra"));
    }

    private static ScriptStep[] CompileSteps(IReadOnlyList<SimulationStep> steps)
    {
        if (steps.Count > MaxSteps)
        {
            throw Invalid($"simulation.steps has {steps.Count} steps; at most {MaxSteps} are allowed");
        }

        var compiled = new ScriptStep[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i] ?? throw Invalid($"simulation.steps[{i}] is null; give {{\"status\": \"queued\", \"seconds\": 2}}");
            if (string.IsNullOrWhiteSpace(step.Status))
            {
                throw Invalid($"simulation.steps[{i}].status is empty; give the status the job shows during the step");
            }

            if (JobStatuses.IsTerminal(step.Status))
            {
                throw Invalid($"simulation.steps[{i}].status '{step.Status}' is terminal; put it in simulation.outcome instead");
            }

            if (step.Seconds is { } seconds && !(seconds >= 0 && seconds <= MaxStepSeconds))
            {
                throw Invalid(string.Create(CultureInfo.InvariantCulture, $"simulation.steps[{i}].seconds is {seconds}; give a number from 0 to {MaxStepSeconds}, or null to wait until advanced"));
            }

            compiled[i] = new ScriptStep(step.Status, step.Seconds is { } s ? TimeSpan.FromSeconds(s) : null);
        }

        return compiled;
    }

    private static string[]? CheckUrls(IReadOnlyList<string>? urls, string field)
    {
        if (urls is null)
        {
            return null;
        }

        for (var i = 0; i < urls.Count; i++)
        {
            if (string.IsNullOrEmpty(urls[i]))
            {
                throw Invalid($"{field}[{i}] is empty; give a URL string");
            }
        }

        return [.. urls];
    }

    private static Dictionary<string, JsonElement> CheckFields(IReadOnlyDictionary<string, JsonElement>? fields, string[] reserved, string field)
    {
        if (fields is null)
        {
            return [];
        }

        foreach (var name in fields.Keys)
        {
            if (reserved.Contains(name, StringComparer.Ordinal))
            {
                throw Invalid($"{field} may not set '{name}': the simulator owns that field");
            }
        }

        return new Dictionary<string, JsonElement>(fields, StringComparer.Ordinal);
    }

    private static string[] DefaultUrls(Guid jobId, string prefix, int count)
    {
        var urls = new string[count];
        for (var i = 0; i < count; i++)
        {
            urls[i] = string.Create(CultureInfo.InvariantCulture, $"https://sim.invalid/results/{jobId:D}/{prefix}{i}.png");
        }

        return urls;
    }

    private static SimulatorValidationException Invalid(string message) => new(message);
}
