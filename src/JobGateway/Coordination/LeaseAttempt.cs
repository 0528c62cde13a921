namespace JobGateway.Coordination;

/// <summary>The outcome of a lease attempt: the lease when granted, and the group's state either way.</summary>
internal readonly record struct LeaseAttempt(PollLease? Lease, GroupState? State);
