namespace JobGateway.Upstream;

/// <summary>Why an upstream call did not produce a job.</summary>
internal enum UpstreamFailureKind
{
    /// <summary>404: the job does not exist or the token may not see it.</summary>
    NotFound,

    /// <summary>401: the token is missing, unknown or expired.</summary>
    Unauthenticated,

    /// <summary>403: the token may not do this.</summary>
    PermissionDenied,

    /// <summary>A cancel the upstream refused (a 4xx other than 401, 403, 404, 429).</summary>
    CancelRefused,

    /// <summary>402: the workspace has no credits left.</summary>
    NoCredits,

    /// <summary>400 or another 4xx on a read: the upstream rejected the request.</summary>
    Rejected,

    /// <summary>429 after the retries, or with a Retry-After longer than the gateway waits.</summary>
    RateLimited,

    /// <summary>5xx, timeouts and connection failures after the retries.</summary>
    Unavailable,

    /// <summary>The upstream answered 200 with something that is not a job object.</summary>
    InvalidResponse,
}
