using System.Globalization;
using JobGateway.Simulator.Counting;
using JobGateway.Simulator.Json;
using Microsoft.AspNetCore.Http.Features;

namespace JobGateway.Simulator.Http;

/// <summary>The Krea-compatible routes. Counting, faults and authentication happen before, in <see cref="KreaGateMiddleware"/>.</summary>
internal sealed partial class KreaApi(SimulatorEngine engine, ILogger<KreaApi> logger)
{
    private const int DefaultListLimit = 100;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/generate/image/{vendor}/{model}", (string vendor, string model, HttpContext context, KreaApi api) => api.GenerateAsync(vendor, model, context))
            .WithMetadata(new KreaRouteMetadata(KreaRoute.Generate));
        endpoints.MapGet("/jobs/{id}", (string id, HttpContext context, KreaApi api) => api.GetJob(id, context))
            .WithMetadata(new KreaRouteMetadata(KreaRoute.GetJob));
        endpoints.MapDelete("/jobs/{id}", (string id, HttpContext context, KreaApi api) => api.CancelJob(id, context))
            .WithMetadata(new KreaRouteMetadata(KreaRoute.CancelJob));
        endpoints.MapGet("/jobs", (HttpContext context, KreaApi api) => api.ListJobs(context))
            .WithMetadata(new KreaRouteMetadata(KreaRoute.ListJobs));
    }

    public static IResult Job(SimulatedJob job) =>
        TypedResults.Json(JobDtoMapper.ToDto(job), SimulatorJsonContext.Default.JobDto);

    private async Task<IResult> GenerateAsync(string vendor, string model, HttpContext context)
    {
        var (document, error) = await JsonBodies.ReadAsync(context.Request);
        if (document is null)
        {
            return ErrorResults.BadRequest(error);
        }

        using (document)
        {
            SimulatedJob job;
            try
            {
                job = engine.CreateJob(WorkspaceOf(context), SimulationSpecReader.Read(document.RootElement));
            }
            catch (SimulatorValidationException e)
            {
                return ErrorResults.BadRequest(e.Message);
            }

            Log.JobCreated(logger, job.JobId, job.Workspace, vendor, model);
            return Job(job);
        }
    }

    private IResult GetJob(string id, HttpContext context)
    {
        if (!JobIds.TryParse(id, out var jobId))
        {
            return ErrorResults.BadRequest(JobIds.Malformed(id));
        }

        return engine.ServeJob(WorkspaceOf(context), jobId) is { } job ? Job(job) : ErrorResults.NotFound();
    }

    private IResult CancelJob(string id, HttpContext context)
    {
        if (!JobIds.TryParse(id, out var jobId))
        {
            return ErrorResults.BadRequest(JobIds.Malformed(id));
        }

        var result = engine.CancelJob(WorkspaceOf(context), jobId);
        switch (result.Outcome)
        {
            case CancelJobOutcome.Cancelled:
                Log.JobCancelled(logger, jobId);
                return Job(result.Job!);
            case CancelJobOutcome.NotCancellable:
                return ErrorResults.Create(
                    StatusCodes.Status409Conflict,
                    $"Job {jobId} cannot be cancelled in status '{result.Job!.Status}'");
            default:
                return ErrorResults.NotFound();
        }
    }

    private IResult ListJobs(HttpContext context)
    {
        var query = context.Request.Query;
        var limit = DefaultListLimit;
        if (query.TryGetValue("limit", out var limitText)
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= SimulatorEngine.MaxListLimit))
        {
            return ErrorResults.BadRequest($"limit must be an integer from 1 to {SimulatorEngine.MaxListLimit}, not '{limitText}'");
        }

        DateTimeOffset? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText))
        {
            if (!DateTimeOffset.TryParse(cursorText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ErrorResults.BadRequest($"cursor must be an ISO-8601 date-time such as 2025-01-31T12:00:00Z (the next_cursor of the previous page), not '{cursorText}'");
            }

            cursor = parsed;
        }

        var status = query["status"].ToString();
        var page = engine.ListJobs(WorkspaceOf(context), cursor, limit, status.Length == 0 ? null : status);
        return TypedResults.Json(JobDtoMapper.ToDto(page), SimulatorJsonContext.Default.JobListDto);
    }

    private static string WorkspaceOf(HttpContext context) => context.Features.GetRequiredFeature<WorkspaceFeature>().Name;
}
