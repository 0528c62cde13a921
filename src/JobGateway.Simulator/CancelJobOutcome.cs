namespace JobGateway.Simulator;

/// <summary>What a cancel request did.</summary>
public enum CancelJobOutcome
{
    /// <summary>The job was queued or processing and is now cancelled.</summary>
    Cancelled,

    /// <summary>No such job in the caller's workspace.</summary>
    NotFound,

    /// <summary>The job exists but its status does not allow cancelling; nothing changed.</summary>
    NotCancellable,
}
