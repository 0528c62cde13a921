using Grpc.Core;

namespace JobGateway.Cli;

/// <summary>
/// Turns a gRPC status into the one line a user reads: what happened and what to do next.
/// The gateway's own messages are already written for people, so they are quoted where they add facts.
/// </summary>
internal static class GrpcErrors
{
    /// <param name="error">The failed call's exception.</param>
    /// <param name="target">The gateway that was called.</param>
    /// <param name="jobId">The job the call was about.</param>
    /// <param name="streaming">The call was a watch (no client deadline; it may break after messages arrived).</param>
    /// <param name="received">The stream had delivered at least one message.</param>
    public static string Describe(RpcException error, GatewayTarget target, string jobId, bool streaming = false, bool received = false)
    {
        var status = error.Status;
        var detail = Detail(status);
        return status.StatusCode switch
        {
            StatusCode.Unauthenticated when target.Token is null =>
                $"the gateway needs a token: pass --token or set {GatewayOptions.TokenVariable}",
            StatusCode.Unauthenticated =>
                $"the gateway did not accept the token ({detail}): check --token or {GatewayOptions.TokenVariable}",
            StatusCode.PermissionDenied =>
                $"this token may not access job {jobId} ({detail}): use a token of the job's workspace",
            StatusCode.NotFound =>
                $"job {jobId} not found, or not visible to this token",
            StatusCode.InvalidArgument or StatusCode.FailedPrecondition =>
                detail,
            StatusCode.Unavailable when status.DebugException is not null && received =>
                $"lost the connection to the gateway at {target.Address.OriginalString} ({Cause(status)})",
            StatusCode.Unavailable when status.DebugException is not null =>
                $"cannot reach the gateway at {target.Address.OriginalString}: is it running? ({Cause(status)})",
            StatusCode.Unavailable when streaming =>
                $"the gateway ended the watch ({detail})",
            StatusCode.Unavailable =>
                $"the gateway cannot answer right now ({detail}): try again shortly",
            StatusCode.DeadlineExceeded when !streaming =>
                $"no answer from the gateway at {target.Address.OriginalString} within {Durations.Format(target.Timeout)}: try again, or allow more with --timeout",
            StatusCode.DeadlineExceeded =>
                $"the gateway stopped watching job {jobId} ({detail})",
            StatusCode.ResourceExhausted =>
                $"too many requests for now ({detail}): wait a little and try again",
            StatusCode.Unimplemented =>
                $"{target.Address.OriginalString} does not serve jobgateway.v1.JobService: is --address the gateway's gRPC endpoint?",
            StatusCode.Cancelled =>
                $"the call was cancelled ({detail})",
            _ =>
                $"the gateway failed with {status.StatusCode} ({detail})",
        };
    }

    /// <summary>Whether a watch that ended with this status can simply be resumed from its last revision.</summary>
    public static bool IsResumable(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted
            or StatusCode.Internal or StatusCode.Unknown or StatusCode.Cancelled;

    private static string Detail(Status status) =>
        string.IsNullOrWhiteSpace(status.Detail) ? $"status {status.StatusCode}, no message" : status.Detail.Trim().TrimEnd('.');

    // Grpc.Net.Client wraps transport failures in several layers; the innermost one names the real cause
    // ("Connection refused"), the outer ones only say that a call failed.
    private static string Cause(Status status) => status.DebugException?.GetBaseException().Message.TrimEnd('.') ?? Detail(status);
}
