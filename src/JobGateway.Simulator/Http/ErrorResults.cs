using JobGateway.Simulator.Json;

namespace JobGateway.Simulator.Http;

/// <summary>Every error the simulator sends has Krea's shape, <c>{"error": "..."}</c>.</summary>
internal static class ErrorResults
{
    public const string JobNotFound = "Job not found";

    public static IResult Create(int statusCode, string message) =>
        TypedResults.Json(new ErrorDto(message), SimulatorJsonContext.Default.ErrorDto, statusCode: statusCode);

    public static IResult BadRequest(string message) => Create(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound() => Create(StatusCodes.Status404NotFound, JobNotFound);

    public static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new ErrorDto(message), SimulatorJsonContext.Default.ErrorDto, cancellationToken: context.RequestAborted);
    }
}
