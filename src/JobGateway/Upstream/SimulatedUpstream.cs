using JobGateway.Simulator;
using Microsoft.Extensions.Options;

namespace JobGateway.Upstream;

/// <summary>
/// <c>Upstream:Simulate=true</c>: hosts the built-in simulated upstream in this process on
/// <c>Upstream:SimulatorUrl</c>, and sends upstream requests to it over real HTTP.
/// </summary>
internal sealed partial class SimulatedUpstream(IOptions<UpstreamOptions> options, ILoggerFactory loggerFactory, ILogger<SimulatedUpstream> logger) : IHostedService, IUpstreamEndpoint, IAsyncDisposable
{
    private SimulatorHost? host;

    public Uri BaseAddress => host?.BaseAddress ?? throw new InvalidOperationException("The simulated upstream has not started yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var simulatorOptions = new SimulatorOptions
        {
            Urls = options.Value.SimulatorUrl.GetLeftPart(UriPartial.Authority),
            LoggerFactory = loggerFactory,
        };
        host = await SimulatorHost.StartAsync(simulatorOptions, cancellationToken);
        Log.Started(logger, host.BaseAddress);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (host is not null)
        {
            await host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 110, EventName = "SimulatorStarted", Level = LogLevel.Warning,
            Message = "Upstream:Simulate is on: jobs come from the built-in simulator at {Address}, not from a real upstream. Demo tokens: demo-token, other-token")]
        public static partial void Started(ILogger logger, Uri address);
    }
}
