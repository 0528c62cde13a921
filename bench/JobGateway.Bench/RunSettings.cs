namespace JobGateway.Bench;

/// <summary>What every scenario shares: where the binaries are, where results go, the poll interval.</summary>
internal sealed record RunSettings
{
    public required string RepoRoot { get; init; }

    public required string GatewayDll { get; init; }

    public required string SimulatorDll { get; init; }

    public required string OutDir { get; init; }

    public required TimeSpan Interval { get; init; }

    public required int Seed { get; init; }

    /// <summary>The gateway's <c>Kestrel:Limits:Http2:MaxStreamsPerConnection</c>.</summary>
    public required int ServerStreamsPerConnection { get; init; }

    /// <summary>Streams the bench puts on one client connection before it opens another.</summary>
    public required int ClientStreamsPerConnection { get; init; }

    /// <summary>Extra <c>--Key=value</c> arguments for every gateway replica.</summary>
    public required IReadOnlyList<string> GatewayArgs { get; init; }

    /// <summary>Extra environment variables for every gateway replica (e.g. <c>DOTNET_gcServer=0</c>).</summary>
    public required IReadOnlyDictionary<string, string> GatewayEnvironment { get; init; }

    public required string RedisServer { get; init; }

    /// <summary>What was measured, in the bench's own words (e.g. the commit a --gateway build came from).</summary>
    public string? Label { get; init; }
}
