using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using JobGateway.Hosting;
using JobGateway.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobGateway.Tests.Infrastructure;

/// <summary>One real gateway replica: Kestrel on loopback (h2c gRPC port, HTTP/1.1 port) and a gRPC client for it.</summary>
internal sealed class GatewayNode : IAsyncDisposable
{
    private bool stopped;

    private GatewayNode(WebApplication app, Uri grpcAddress, Uri httpAddress)
    {
        App = app;
        GrpcAddress = grpcAddress;
        HttpAddress = httpAddress;
        Channel = GrpcChannel.ForAddress(grpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        Client = new JobService.JobServiceClient(Channel);
    }

    public WebApplication App { get; }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    public GrpcChannel Channel { get; }

    public JobService.JobServiceClient Client { get; }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<GatewayNode> StartAsync(Uri upstream, TimeProvider? time, IDictionary<string, string?>? settings, Microsoft.Extensions.Logging.ILoggerProvider? loggerProvider = null)
    {
        // A free port can be taken by another process between choosing it and binding it: choose again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(upstream, time, settings, loggerProvider);
            }
            catch (IOException ex) when (attempt < 5 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<GatewayNode> TryStartAsync(Uri upstream, TimeProvider? time, IDictionary<string, string?>? settings, Microsoft.Extensions.Logging.ILoggerProvider? loggerProvider)
    {
        var grpcPort = FreePort();
        var httpPort = FreePort();
        var configuration = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["Upstream:BaseUrl"] = upstream.ToString(),
            ["Upstream:RetryBaseDelay"] = "00:00:00.010",
            ["Upstream:MaxRetries"] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = GatewayHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            if (loggerProvider is not null)
            {
                builder.Logging.AddProvider(loggerProvider);
            }
        });
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new GatewayNode(app, new Uri($"http://127.0.0.1:{grpcPort}"), new Uri($"http://127.0.0.1:{httpPort}"));
    }

    /// <summary>A graceful stop: streams end, leases are released.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await StopAsync();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
