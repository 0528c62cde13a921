using System.Text.Json;

namespace JobGateway.Simulator.Json;

internal static class FaultSpecReader
{
    private const string Known = "status, retry_after_seconds, count, rate, latency_ms, drop, error";

    public static FaultSpec Read(JsonElement body)
    {
        JsonFields.ExpectObject(body, "The fault");
        int? status = null, retryAfter = null, count = null;
        double? rate = null;
        var latencyMs = 0;
        var drop = false;
        string? error = null;
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            var path = property.Name;
            switch (property.Name)
            {
                case "status": status = JsonFields.Integer(value, path); break;
                case "retry_after_seconds": retryAfter = JsonFields.Integer(value, path); break;
                case "count": count = JsonFields.Integer(value, path); break;
                case "rate": rate = JsonFields.Number(value, path); break;
                case "latency_ms": latencyMs = JsonFields.Integer(value, path); break;
                case "drop": drop = JsonFields.Boolean(value, path); break;
                case "error": error = JsonFields.String(value, path); break;
                default: throw JsonFields.UnknownField(string.Empty, property.Name, Known);
            }
        }

        return new FaultSpec
        {
            Status = status,
            RetryAfterSeconds = retryAfter,
            Count = count,
            Rate = rate,
            Latency = TimeSpan.FromMilliseconds(latencyMs),
            Drop = drop,
            Error = error,
        };
    }
}
