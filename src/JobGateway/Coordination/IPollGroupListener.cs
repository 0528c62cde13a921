namespace JobGateway.Coordination;

/// <summary>Receives a group's fan-out. Called on coordinator threads: must not block.</summary>
internal interface IPollGroupListener
{
    /// <summary>A state was written (by any replica). States can arrive twice or out of order.</summary>
    void OnState(GroupState state);

    /// <summary>Someone asked the group to poll now (a cancel, a unary read that found no fresh snapshot, a webhook).</summary>
    void OnPollRequested();
}
