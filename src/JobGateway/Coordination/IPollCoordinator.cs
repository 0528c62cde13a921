namespace JobGateway.Coordination;

/// <summary>
/// The seam between the poll groups and what coordinates them across replicas: lease, state,
/// schedule and fan-out (DESIGN section 3). In memory for one replica, Redis for many.
/// </summary>
internal interface IPollCoordinator
{
    /// <summary>
    /// Takes the group's lease when nobody holds it (or its holder let it expire), and reads the group's
    /// state in the same step: a new holder continues the schedule, a non-holder catches up.
    /// </summary>
    ValueTask<LeaseAttempt> TryAcquireLeaseAsync(PollGroupKey key, string owner, CancellationToken cancellationToken);

    /// <summary>Extends a held lease; false when it was lost (expired and taken, or released).</summary>
    ValueTask<bool> RenewLeaseAsync(PollLease lease, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if still held, so another replica can take over at once.</summary>
    ValueTask ReleaseLeaseAsync(PollLease lease, CancellationToken cancellationToken);

    /// <summary>The group's current state, or null when none is retained.</summary>
    ValueTask<GroupState?> ReadStateAsync(PollGroupKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes and publishes a state in one step, refusing it when <paramref name="lease"/>'s epoch is no
    /// longer the group's current one (a paused ex-holder never overwrites newer state).
    /// </summary>
    ValueTask<bool> TryWriteStateAsync(PollLease lease, GroupState state, CancellationToken cancellationToken);

    /// <summary>Subscribes to the group's states and poll requests until the result is disposed.</summary>
    ValueTask<IAsyncDisposable> SubscribeAsync(PollGroupKey key, IPollGroupListener listener, CancellationToken cancellationToken);

    /// <summary>Asks whichever replica holds the lease to poll now, answering <paramref name="requestIds"/>.</summary>
    ValueTask RequestPollAsync(PollGroupKey key, IReadOnlyList<string> requestIds, CancellationToken cancellationToken);
}
