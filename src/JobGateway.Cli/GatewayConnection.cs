using Grpc.Core;
using Grpc.Net.Client;
using JobGateway.V1;

namespace JobGateway.Cli;

/// <summary>One gRPC channel to the gateway for the lifetime of a command.</summary>
internal sealed class GatewayConnection : IDisposable
{
    private readonly GrpcChannel channel;
    private readonly Metadata headers = [];
    private readonly TimeProvider time;

    public GatewayConnection(GatewayTarget target, TimeProvider time)
    {
        Target = target;
        this.time = time;
        if (target.Token is { } token)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        channel = GrpcChannel.ForAddress(target.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                // A watch has no deadline: without a connect timeout an unroutable address would hang
                // it, and without keep-alive pings a silently dropped connection would never be noticed.
                ConnectTimeout = target.Timeout,
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            },
        });
        Client = new JobService.JobServiceClient(channel);
    }

    public GatewayTarget Target { get; }

    public JobService.JobServiceClient Client { get; }

    public CallOptions Unary(CancellationToken cancellationToken) =>
        new(headers, deadline: time.GetUtcNow().UtcDateTime + Target.Timeout, cancellationToken: cancellationToken);

    public CallOptions Streaming(CancellationToken cancellationToken) => new(headers, cancellationToken: cancellationToken);

    public void Dispose() => channel.Dispose();
}
