namespace JobGateway.Simulator;

/// <summary>Requests the Krea routes received since start or the last reset, counted on arrival.</summary>
/// <param name="Routes">Per route, keyed as in <see cref="KreaRoutes"/>; every route is present.</param>
/// <param name="Jobs">Per job id that appeared as a well-formed UUID in <c>GET</c> or <c>DELETE /jobs/{id}</c>.</param>
/// <param name="Total">All requests to the Krea routes.</param>
public sealed record CounterSnapshot(
    IReadOnlyDictionary<string, long> Routes,
    IReadOnlyDictionary<Guid, JobRequestCounts> Jobs,
    long Total);
