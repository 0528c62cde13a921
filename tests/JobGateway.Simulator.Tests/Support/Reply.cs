using System.Net;
using System.Text.Json;

namespace JobGateway.Simulator.Tests.Support;

/// <summary>An HTTP answer with its JSON body already parsed.</summary>
internal sealed record Reply(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public string Error => Body.GetProperty("error").GetString()!;

    public string JobStatus => Body.GetProperty("status").GetString()!;

    public string? CompletedAt => Body.GetProperty("completed_at").GetString();
}
