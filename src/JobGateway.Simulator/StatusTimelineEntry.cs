namespace JobGateway.Simulator;

/// <summary>
/// One status a job took, when it took it and when <c>GET /jobs/{id}</c> first and last answered it:
/// what a benchmark needs to split a client's latency into the poll interval and the delivery after it.
/// </summary>
/// <param name="Status">The status.</param>
/// <param name="SetAt">When the status began: its scripted start, or the instant the control API, an advance or a cancel set it.</param>
/// <param name="FirstServedAt">When <c>GET /jobs/{id}</c> first answered this status; null when no read saw it.</param>
/// <param name="LastServedAt">When <c>GET /jobs/{id}</c> last answered this status; null when no read saw it.</param>
/// <param name="Served">How many <c>GET /jobs/{id}</c> answers carried this status.</param>
public sealed record StatusTimelineEntry(
    string Status,
    DateTimeOffset SetAt,
    DateTimeOffset? FirstServedAt,
    DateTimeOffset? LastServedAt,
    long Served);
