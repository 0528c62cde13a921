using System.Collections.Concurrent;
using System.Text.Json;
using JobGateway.Polling;
using JobGateway.Telemetry;
using Microsoft.Extensions.Options;

namespace JobGateway.Webhooks;

/// <summary>
/// Receives the upstream's terminal-state webhooks. They are unsigned, so one is only a hint: it makes
/// the job's poll group poll now, and what watchers receive still comes from that poll. A forged or
/// repeated webhook changes at most the time of one poll per job per interval.
/// </summary>
internal sealed partial class WebhookEndpoint(
    IJobHintBus hints,
    GatewayMetrics metrics,
    TimeProvider timeProvider,
    IOptions<WebhookOptions> options,
    IOptions<PollingOptions> polling,
    ILogger<WebhookEndpoint> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastHint = new(StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Reject("too_large", StatusCodes.Status413PayloadTooLarge, $"The body is larger than Webhooks:MaxBodyBytes ({options.Value.MaxBodyBytes} bytes).");
        }

        if (JobIdOf(body) is not { } jobId)
        {
            return Reject("invalid", StatusCodes.Status400BadRequest, "Expected the upstream's job object with a job_id that is a UUID.");
        }

        var now = timeProvider.GetUtcNow();
        var previous = lastHint.GetOrAdd(jobId, DateTimeOffset.MinValue);
        if (now - previous < polling.Value.Interval || !lastHint.TryUpdate(jobId, now, previous))
        {
            metrics.WebhookHints.Add(1, new KeyValuePair<string, object?>("outcome", "duplicate"));
            return Results.Accepted();
        }

        Forget(now);
        await hints.PublishAsync(jobId, cancellationToken);
        metrics.WebhookHints.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
        Log.HintAccepted(logger, jobId);
        return Results.Accepted();
    }

    private IResult Reject(string outcome, int status, string message)
    {
        metrics.WebhookHints.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        return Results.Json(new WebhookError(message), WebhookJsonContext.Default.WebhookError, statusCode: status);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? JobIdOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("job_id", out var id)
                && id.ValueKind == JsonValueKind.String
                && Guid.TryParseExact(id.GetString(), "D", out var guid)
                ? guid.ToString("D")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Keeps the de-duplication table small: entries older than an interval no longer matter.
    private void Forget(DateTimeOffset now)
    {
        if (lastHint.Count < 10_000)
        {
            return;
        }

        foreach (var (jobId, at) in lastHint)
        {
            if (now - at >= polling.Value.Interval)
            {
                lastHint.TryRemove(new KeyValuePair<string, DateTimeOffset>(jobId, at));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, EventName = "WebhookHintAccepted", Level = LogLevel.Debug, Message = "Webhook for job {JobId}: its poll group polls now")]
        public static partial void HintAccepted(ILogger logger, string jobId);
    }
}

internal sealed record WebhookError(string Error);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(WebhookError))]
internal sealed partial class WebhookJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
