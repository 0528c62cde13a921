namespace JobGateway.Simulator;

/// <summary>One page of a workspace's jobs, newest first.</summary>
/// <param name="Items">The jobs on this page.</param>
/// <param name="NextCursor">The <c>created_at</c> of the last item when more jobs follow; null on the last page.</param>
public sealed record SimulatedJobPage(IReadOnlyList<SimulatedJob> Items, DateTimeOffset? NextCursor);
