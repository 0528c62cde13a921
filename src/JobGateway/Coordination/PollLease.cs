namespace JobGateway.Coordination;

/// <summary>The right to poll one group, fenced by a cluster-wide epoch that grows with every grant.</summary>
/// <param name="IsLocal">Granted by this replica alone while the shared store was unreachable (degraded mode).</param>
internal sealed record PollLease(PollGroupKey Key, string Owner, long Epoch, bool IsLocal = false);
