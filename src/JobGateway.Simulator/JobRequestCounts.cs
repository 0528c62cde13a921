namespace JobGateway.Simulator;

/// <summary>Requests received for one job id.</summary>
/// <param name="Get">Requests to <c>GET /jobs/{id}</c>.</param>
/// <param name="Delete">Requests to <c>DELETE /jobs/{id}</c>.</param>
/// <param name="Aborted">Requests the caller abandoned while an injected latency held them (the caller cancelled its call).</param>
public readonly record struct JobRequestCounts(long Get, long Delete, long Aborted = 0);
