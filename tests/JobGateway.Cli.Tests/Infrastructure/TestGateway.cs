using System.Net;
using System.Net.Sockets;
using JobGateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace JobGateway.Cli.Tests.Infrastructure;

/// <summary>A real gateway (Kestrel on loopback, h2c) in front of a simulator, as a user would run it.</summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication app;
    private int stopped;

    private TestGateway(WebApplication app, int grpcPort)
    {
        this.app = app;
        GrpcPort = grpcPort;
    }

    public int GrpcPort { get; }

    /// <summary>What a user passes as <c>--address</c>.</summary>
    public string Address => $"http://127.0.0.1:{GrpcPort}";

    /// <param name="simulator">The upstream.</param>
    /// <param name="grpcPort">A port to reuse (a restarted gateway); null picks a free one.</param>
    public static async Task<TestGateway> StartAsync(Uri simulator, int? grpcPort = null)
    {
        var port = grpcPort ?? FreePort();
        var configuration = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{port}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{FreePort()}",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["Upstream:BaseUrl"] = simulator.ToString(),
            ["Upstream:RetryBaseDelay"] = "00:00:00.010",
            ["Upstream:MaxRetries"] = "2",

            // Fast polling, so a status set through the simulator's control API reaches a watch quickly.
            ["Polling:Interval"] = "00:00:00.100",
            ["Polling:MaxInterval"] = "00:00:00.300",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = GatewayHost.Build([], builder => builder.Configuration.AddInMemoryCollection(configuration));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestGateway(app, port);
    }

    /// <summary>A port nothing listens on: an address a user might mistype.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StopAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }
}
