using Grpc.Core;

namespace JobGateway.Coordination;

/// <summary>The outcome of a poll that produced no job; <see cref="At"/> is when that poll started.</summary>
internal sealed record PollFailure(StatusCode Code, string Message, DateTimeOffset At)
{
    /// <summary>Failures that end every watch: the job is gone, the token is refused, or the watch limit passed.</summary>
    public bool EndsWatches => Code is StatusCode.NotFound or StatusCode.Unauthenticated
        or StatusCode.PermissionDenied or StatusCode.DeadlineExceeded or StatusCode.FailedPrecondition;
}
