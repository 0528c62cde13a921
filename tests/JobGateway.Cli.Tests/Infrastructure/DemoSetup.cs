using JobGateway.Simulator;

[assembly: AssemblyFixture(typeof(JobGateway.Cli.Tests.Infrastructure.DemoSetup))]

namespace JobGateway.Cli.Tests.Infrastructure;

/// <summary>
/// The demo a user would run, shared by all tests: a simulator and a gateway in front of it.
/// Tests run in parallel against it; each one creates its own jobs, so they never interfere.
/// </summary>
public sealed class DemoSetup : IAsyncLifetime
{
    private SimulatorHost? simulator;
    private TestGateway? gateway;
    private SimulatorControl? control;

    public SimulatorHost SimulatorHost => simulator ?? throw NotStarted();

    public TestGateway Gateway => gateway ?? throw NotStarted();

    public SimulatorControl Simulator => control ?? throw NotStarted();

    /// <summary>What a user passes as <c>--simulator</c>.</summary>
    public string SimulatorAddress => SimulatorHost.BaseAddress.ToString();

    public async ValueTask InitializeAsync()
    {
        simulator = await SimulatorHost.StartAsync(new SimulatorOptions(), TestContext.Current.CancellationToken);
        control = new SimulatorControl(simulator.BaseAddress);
        gateway = await TestGateway.StartAsync(simulator.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        control?.Dispose();
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }

        if (simulator is not null)
        {
            await simulator.DisposeAsync();
        }
    }

    private static InvalidOperationException NotStarted() => new("The demo setup has not started.");
}
