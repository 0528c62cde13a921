using Grpc.Core;
using JobGateway.Upstream;

namespace JobGateway.Coordination;

internal static class PollFailureExtensions
{
    public static RpcException ToRpcException(this PollFailure failure) => new(new Status(failure.Code, failure.Message));

    /// <summary>DESIGN section 2's mapping of upstream failures to gRPC status codes.</summary>
    public static StatusCode ToStatusCode(this UpstreamFailureKind kind) => kind switch
    {
        UpstreamFailureKind.NotFound => StatusCode.NotFound,
        UpstreamFailureKind.Unauthenticated => StatusCode.Unauthenticated,
        UpstreamFailureKind.PermissionDenied => StatusCode.PermissionDenied,
        UpstreamFailureKind.CancelRefused => StatusCode.FailedPrecondition,
        UpstreamFailureKind.NoCredits => StatusCode.FailedPrecondition,
        UpstreamFailureKind.Rejected => StatusCode.FailedPrecondition,
        UpstreamFailureKind.RateLimited => StatusCode.ResourceExhausted,
        UpstreamFailureKind.Unavailable => StatusCode.Unavailable,
        UpstreamFailureKind.InvalidResponse => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
