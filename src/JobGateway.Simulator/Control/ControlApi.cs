using System.Text.Json;
using JobGateway.Simulator.Http;
using JobGateway.Simulator.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobGateway.Simulator.Control;

/// <summary>
/// The routes under <c>/_control</c> that steer the simulator: no authentication (bind it to
/// loopback), never faulted, never counted. Each one calls the <see cref="SimulatorEngine"/> member of the same name.
/// </summary>
internal sealed partial class ControlApi(SimulatorEngine engine, ILogger<ControlApi> logger)
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var control = endpoints.MapGroup("/_control");
        control.MapGet("/counters", (ControlApi api) => api.GetCounters());
        control.MapDelete("/counters", (ControlApi api) => api.ResetCounters());
        control.MapPut("/faults", (HttpContext context, ControlApi api) => api.SetFaultAsync(null, context));
        control.MapDelete("/faults", (ControlApi api) => api.ClearFault(null));
        control.MapGet("/jobs/{id}", (string id, ControlApi api) => api.GetJob(id));
        control.MapGet("/jobs/{id}/counters", (string id, ControlApi api) => api.GetJobCounters(id));
        control.MapGet("/jobs/{id}/timeline", (string id, ControlApi api) => api.GetTimeline(id));
        control.MapPut("/jobs/{id}/faults", (string id, HttpContext context, ControlApi api) => api.SetFaultAsync(id, context));
        control.MapDelete("/jobs/{id}/faults", (string id, ControlApi api) => api.ClearFault(id));
        control.MapPost("/jobs/{id}/advance", (string id, ControlApi api) => api.Advance(id));
        control.MapPut("/jobs/{id}/status", (string id, HttpContext context, ControlApi api) => api.SetStatusAsync(id, context));
    }

    private JsonHttpResult<CountersDto> GetCounters() =>
        TypedResults.Json(JobDtoMapper.ToDto(engine.GetCounters()), SimulatorJsonContext.Default.CountersDto);

    private NoContent ResetCounters()
    {
        engine.ResetCounters();
        Log.CountersReset(logger);
        return TypedResults.NoContent();
    }

    private IResult GetJob(string id)
    {
        if (!JobIds.TryParse(id, out var jobId))
        {
            return ErrorResults.BadRequest(JobIds.Malformed(id));
        }

        return engine.GetJob(jobId) is { } job ? KreaApi.Job(job) : ErrorResults.NotFound();
    }

    private IResult GetJobCounters(string id) =>
        JobIds.TryParse(id, out var jobId)
            ? TypedResults.Json(JobDtoMapper.ToDto(engine.GetJobCounters(jobId)), SimulatorJsonContext.Default.JobCountsDto)
            : ErrorResults.BadRequest(JobIds.Malformed(id));

    private IResult GetTimeline(string id)
    {
        if (!JobIds.TryParse(id, out var jobId))
        {
            return ErrorResults.BadRequest(JobIds.Malformed(id));
        }

        return engine.GetTimeline(jobId) is { } timeline
            ? TypedResults.Json(JobDtoMapper.ToDto(timeline), SimulatorJsonContext.Default.IReadOnlyListTimelineEntryDto)
            : ErrorResults.NotFound();
    }

    /// <param name="id">Null for the global fault.</param>
    private async Task<IResult> SetFaultAsync(string? id, HttpContext context)
    {
        Guid jobId = default;
        if (id is not null && !JobIds.TryParse(id, out jobId))
        {
            return ErrorResults.BadRequest(JobIds.Malformed(id));
        }

        return await WithBodyAsync(context, body =>
        {
            var fault = FaultSpecReader.Read(body);
            if (id is null)
            {
                engine.SetFault(fault);
            }
            else
            {
                engine.SetFault(jobId, fault);
            }

            Log.FaultSet(logger, id ?? "all jobs", fault.Status, fault.Count, fault.Rate, fault.Latency.TotalMilliseconds, fault.Drop);
            return TypedResults.NoContent();
        });
    }

    private IResult ClearFault(string? id)
    {
        if (id is null)
        {
            engine.ClearFault();
        }
        else if (JobIds.TryParse(id, out var jobId))
        {
            engine.ClearFault(jobId);
        }
        else
        {
            return ErrorResults.BadRequest(JobIds.Malformed(id));
        }

        Log.FaultCleared(logger, id ?? "all jobs");
        return TypedResults.NoContent();
    }

    private IResult Advance(string id)
    {
        if (!JobIds.TryParse(id, out var jobId))
        {
            return ErrorResults.BadRequest(JobIds.Malformed(id));
        }

        try
        {
            var job = engine.Advance(jobId);
            Log.Advanced(logger, jobId, job.Status);
            return KreaApi.Job(job);
        }
        catch (KeyNotFoundException)
        {
            return ErrorResults.NotFound();
        }
        catch (InvalidOperationException e)
        {
            return ErrorResults.Create(StatusCodes.Status409Conflict, e.Message);
        }
    }

    private async Task<IResult> SetStatusAsync(string id, HttpContext context)
    {
        if (!JobIds.TryParse(id, out var jobId))
        {
            return ErrorResults.BadRequest(JobIds.Malformed(id));
        }

        return await WithBodyAsync(context, body =>
        {
            var change = StatusChangeReader.Read(body);
            try
            {
                var job = change.HasResult
                    ? engine.SetStatus(jobId, change.Status, change.Result)
                    : engine.SetStatus(jobId, change.Status);
                Log.StatusSet(logger, jobId, job.Status);
                return KreaApi.Job(job);
            }
            catch (KeyNotFoundException)
            {
                return ErrorResults.NotFound();
            }
        });
    }

    /// <summary>Parses the JSON body and answers 400 for anything the body or <paramref name="apply"/> rejects.</summary>
    private static async Task<IResult> WithBodyAsync(HttpContext context, Func<JsonElement, IResult> apply)
    {
        var (document, error) = await JsonBodies.ReadAsync(context.Request);
        if (document is null)
        {
            return ErrorResults.BadRequest(error);
        }

        using (document)
        {
            try
            {
                return apply(document.RootElement);
            }
            catch (SimulatorValidationException e)
            {
                return ErrorResults.BadRequest(e.Message);
            }
        }
    }
}
