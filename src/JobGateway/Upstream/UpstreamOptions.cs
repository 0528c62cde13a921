namespace JobGateway.Upstream;

/// <summary>How the gateway reaches the REST job API it fronts (configuration section <c>Upstream</c>).</summary>
public sealed class UpstreamOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Upstream";

    /// <summary>Base URL of the REST job API. Default <c>https://api.krea.ai</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.krea.ai");

    /// <summary>
    /// The gateway's own upstream token. Empty means every call must carry
    /// <c>authorization: Bearer …</c> metadata, which is passed through to the upstream.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Host the built-in simulated upstream in-process and use it instead of <see cref="BaseUrl"/>.</summary>
    public bool Simulate { get; set; }

    /// <summary>Where the in-process simulator listens when <see cref="Simulate"/> is on. Default <c>http://127.0.0.1:8082</c>.</summary>
    public Uri SimulatorUrl { get; set; } = new("http://127.0.0.1:8082");

    /// <summary>Timeout of one upstream HTTP attempt. Default 10 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one upstream read including its retries. Default 30 s.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a read after 5xx, 408, 429, timeouts and connection failures. Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest <c>Retry-After</c> the gateway waits out inside one call. A longer one ends the call
    /// (RESOURCE_EXHAUSTED for a unary call) and moves the job's next poll past it. Default 10 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest upstream response body accepted, in bytes. Default 1 MiB.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;
}
