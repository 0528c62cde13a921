namespace JobGateway.Bench.Analysis;

/// <summary>
/// Upstream GETs of one job. The window runs from the first change to the terminal one, a whole number
/// of poll intervals by construction (<see cref="Upstream.LifecycleScript"/>): a client polling every
/// interval makes exactly <see cref="Intervals"/> requests in it, whatever its phase.
/// </summary>
/// <param name="GetsTotal">Every <c>GET /jobs/{id}</c> the simulator counted for the job.</param>
/// <param name="GetsInWindow">Those that arrived while the job was between its first change and its terminal state.</param>
/// <param name="WindowSeconds">The window as the simulator's timeline measured it.</param>
internal sealed record JobDedupe(string JobId, long GetsTotal, long GetsInWindow, int Intervals, double WindowSeconds, double GetsPerInterval);
