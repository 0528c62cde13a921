namespace JobGateway.Upstream;

/// <summary>An upstream call that failed; <see cref="Exception.Message"/> is written for a person.</summary>
internal sealed class UpstreamException : Exception
{
    public UpstreamException(UpstreamFailureKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        RetryAfter = retryAfter;
    }

    public UpstreamException()
        : this(UpstreamFailureKind.Unavailable, "The upstream failed.")
    {
    }

    public UpstreamException(string message)
        : this(UpstreamFailureKind.Unavailable, message)
    {
    }

    public UpstreamException(string message, Exception innerException)
        : this(UpstreamFailureKind.Unavailable, message, null, innerException)
    {
    }

    public UpstreamFailureKind Kind { get; }

    /// <summary>How long the upstream asked us to wait, when it said (429 or 503 with Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }
}
