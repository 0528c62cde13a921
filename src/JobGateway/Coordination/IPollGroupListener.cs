namespace JobGateway.Coordination;

/// <summary>Receives a group's fan-out. Called on coordinator threads: must not block.</summary>
internal interface IPollGroupListener
{
    /// <summary>A state was written (by any replica). States can arrive twice or out of order.</summary>
    void OnState(GroupState state);

    /// <summary>
    /// Someone asked the group to poll now (a cancel, a unary read that found no fresh snapshot, a webhook).
    /// The holder lists <paramref name="requestIds"/> in <see cref="GroupState.Answered"/> of the state
    /// its next poll writes, so each asker knows when it has been answered without comparing clocks.
    /// </summary>
    void OnPollRequested(IReadOnlyList<string> requestIds);

    /// <summary>The holder gave the lease up (it stopped, or lost its last watcher): take it over now.</summary>
    void OnLeaseReleased();
}
