using System.Globalization;

namespace JobGateway.Bench.Processes;

/// <summary>One gateway process: its gRPC address (h2c), its health address and its resource samples.</summary>
internal sealed class GatewayReplica : IAsyncDisposable
{
    private GatewayReplica(int index, ChildProcess process, Uri grpc, Uri http)
    {
        Index = index;
        Process = process;
        Grpc = grpc;
        Http = http;
        Sampler = ResourceSampler.ForProcess(process.Id);
    }

    public int Index { get; }

    public ChildProcess Process { get; }

    public Uri Grpc { get; }

    public Uri Http { get; }

    public ResourceSampler Sampler { get; }

    public static GatewayReplica Start(RunSettings run, int index, Uri upstream, string? redis)
    {
        var grpc = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var http = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var interval = run.Interval.ToString("c", CultureInfo.InvariantCulture);
        List<string> arguments =
        [
            run.GatewayDll,
            $"--Kestrel:Endpoints:Grpc:Url={grpc.GetLeftPart(UriPartial.Authority)}",
            "--Kestrel:Endpoints:Grpc:Protocols=Http2",
            $"--Kestrel:Endpoints:Http:Url={http.GetLeftPart(UriPartial.Authority)}",
            "--Kestrel:Endpoints:Http:Protocols=Http1",
            $"--Kestrel:Limits:Http2:MaxStreamsPerConnection={run.ServerStreamsPerConnection}",
            $"--Upstream:BaseUrl={upstream}",
            $"--Redis:Configuration={redis ?? string.Empty}",
            "--Redis:KeyPrefix=bench:",

            // One poll per interval, no backoff: the same cadence as the polling clients it is compared with.
            $"--Polling:Interval={interval}",
            $"--Polling:MaxInterval={interval}",
            "--Polling:MaxWatchesPerCaller=1000000",
            "--Polling:MaxWatches=1000000",
            "--Logging:LogLevel:Default=Warning",
            .. run.GatewayArgs,
        ];
        var environment = new Dictionary<string, string>(run.GatewayEnvironment, StringComparer.Ordinal)
        {
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        // Run beside the dll, so that the gateway finds its own appsettings.json (content root = working directory).
        var process = ChildProcess.Start($"gateway-{index}", "dotnet", arguments, environment, Path.GetDirectoryName(run.GatewayDll));
        return new GatewayReplica(index, process, grpc, http);
    }

    public async ValueTask DisposeAsync()
    {
        await Sampler.DisposeAsync();
        await Process.DisposeAsync();
    }
}
