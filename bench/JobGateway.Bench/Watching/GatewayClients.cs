using Grpc.Net.Client;
using JobGateway.Bench.Processes;
using JobGateway.V1;

namespace JobGateway.Bench.Watching;

/// <summary>
/// The client side's connections: per replica, one gRPC channel (one HTTP/2 connection) per
/// <see cref="RunSettings.ClientStreamsPerConnection"/> streams, so the server's streams-per-connection
/// limit never caps a run. Each channel may still open more connections if a limit is lower than expected.
/// </summary>
internal sealed class GatewayClients : IDisposable
{
    private readonly List<List<GrpcChannel>> channels = [];
    private readonly List<List<JobService.JobServiceClient>> clients = [];
    private readonly int streamsPerConnection;

    /// <param name="streamsPerReplica">How many streams each replica will carry.</param>
    public GatewayClients(IReadOnlyList<GatewayReplica> replicas, IReadOnlyList<int> streamsPerReplica, int streamsPerConnection)
    {
        this.streamsPerConnection = streamsPerConnection;
        for (var r = 0; r < replicas.Count; r++)
        {
            var count = Math.Max(1, (streamsPerReplica[r] + streamsPerConnection - 1) / streamsPerConnection);
            var replicaChannels = new List<GrpcChannel>(count);
            for (var c = 0; c < count; c++)
            {
                replicaChannels.Add(GrpcChannel.ForAddress(replicas[r].Grpc, new GrpcChannelOptions
                {
                    HttpHandler = new SocketsHttpHandler
                    {
                        EnableMultipleHttp2Connections = true,
                        ConnectTimeout = TimeSpan.FromSeconds(10),
                        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                    },
                    DisposeHttpClient = true,
                }));
            }

            channels.Add(replicaChannels);
            clients.Add([.. replicaChannels.Select(channel => new JobService.JobServiceClient(channel))]);
        }
    }

    public int ConnectionCount => channels.Sum(c => c.Count);

    /// <summary>The client for the <paramref name="nth"/> stream on <paramref name="replica"/>.</summary>
    public JobService.JobServiceClient For(int replica, int nth)
    {
        var replicaClients = clients[replica];
        return replicaClients[(nth / streamsPerConnection) % replicaClients.Count];
    }

    public void Dispose()
    {
        foreach (var channel in channels.SelectMany(c => c))
        {
            channel.Dispose();
        }
    }
}
