using System.Text.Json;

namespace JobGateway.Simulator.Http;

internal static class JsonBodies
{
    /// <returns>The parsed body, or null with <paramref name="error"/> set when it is not JSON.</returns>
    public static async Task<(JsonDocument? Document, string Error)> ReadAsync(HttpRequest request)
    {
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted), string.Empty);
        }
        catch (JsonException e)
        {
            return (null, $"The request body is not valid JSON ({e.Message}); send a JSON object");
        }
    }
}
