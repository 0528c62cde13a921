using Grpc.Core;
using Grpc.Net.Client;
using JobGateway.Simulator;
using JobGateway.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;

namespace JobGateway.Tests.Infrastructure;

/// <summary>
/// A simulator and one or more gateway replicas in front of it, over real HTTP, with real gRPC clients.
/// With a fake clock, one <see cref="FakeTimeProvider"/> drives the simulator's lifecycles and every
/// replica's schedule, so tests count polls per interval exactly without sleeping.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string DemoToken = "demo-token";
    public const string OtherToken = "other-token";

    private GatewayHarness(SimulatorHost simulator, IReadOnlyList<GatewayNode> nodes, FakeTimeProvider? time)
    {
        SimulatorHost = simulator;
        Nodes = nodes;
        Time = time;
        Simulator = new SimulatorClient(simulator.BaseAddress);
    }

    public SimulatorHost SimulatorHost { get; }

    public SimulatorClient Simulator { get; }

    public IReadOnlyList<GatewayNode> Nodes { get; }

    public FakeTimeProvider? Time { get; }

    public GatewayNode Node => Nodes[0];

    public WebApplication Gateway => Node.App;

    public GrpcChannel Channel => Node.Channel;

    public JobService.JobServiceClient Client => Node.Client;

    public T Service<T>()
        where T : notnull => Node.Service<T>();

    /// <summary>Starts a simulator and <paramref name="replicas"/> gateways in front of it.</summary>
    /// <param name="fakeTime">Drive everything with one fake clock.</param>
    /// <param name="settings">Gateway configuration (key → value) for every replica.</param>
    public static async Task<GatewayHarness> StartAsync(bool fakeTime = false, IDictionary<string, string?>? settings = null, int replicas = 1, Microsoft.Extensions.Logging.ILoggerProvider? loggerProvider = null)
    {
        var time = fakeTime ? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) : null;
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            TimeProvider = (TimeProvider?)time ?? TimeProvider.System,
            RandomSeed = 7,
        });
        var nodes = new List<GatewayNode>();
        for (var i = 0; i < replicas; i++)
        {
            nodes.Add(await GatewayNode.StartAsync(simulator.BaseAddress, time, settings, loggerProvider));
        }

        return new GatewayHarness(simulator, nodes, time);
    }

    public static Metadata Auth(string token = DemoToken) => new() { { "authorization", $"Bearer {token}" } };

    /// <summary>Advances the fake clock (simulator and every replica).</summary>
    public void Advance(TimeSpan by) => (Time ?? throw new InvalidOperationException("This harness runs on real time.")).Advance(by);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await SimulatorHost.DisposeAsync();
        Simulator.Dispose();
    }
}
