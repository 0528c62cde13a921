namespace JobGateway.Webhooks;

/// <summary>The endpoint for the upstream's terminal-state webhooks (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Webhooks";

    /// <summary>Accept webhooks on the HTTP port. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Path of the endpoint. Default <c>/webhooks/krea</c>.</summary>
    public string Path { get; set; } = "/webhooks/krea";

    /// <summary>Webhooks accepted per second on this replica (more get 429). Default 50.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Largest body accepted, in bytes. Default 64 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}
