using JobGateway.Simulator.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace JobGateway.Simulator;

/// <summary>A running simulator: a Kestrel server on <see cref="SimulatorOptions.Urls"/> in front of one <see cref="SimulatorEngine"/>.</summary>
public sealed partial class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private int stopped;

    private SimulatorHost(WebApplication app, SimulatorEngine engine, Uri baseAddress)
    {
        this.app = app;
        Engine = engine;
        BaseAddress = baseAddress;
    }

    /// <summary>The address the server is bound to, with the real port when port 0 was asked for; ends with <c>/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The in-memory state behind the server, for tests that want direct control.</summary>
    public SimulatorEngine Engine { get; }

    /// <summary>Starts a simulator and returns once it accepts connections.</summary>
    /// <param name="options">Its settings; read once, later changes have no effect.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <returns>The running simulator.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var engine = new SimulatorEngine(options.TimeProvider, options.RandomSeed);
        var app = SimulatorApplication.Build(options, engine);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Skip(KestrelEndpoints.HiddenEndpointCount)
            .ToList();
        var baseAddress = KestrelEndpoints.ToBaseAddress(addresses[0]);
        var logger = app.Services.GetRequiredService<ILogger<SimulatorHost>>();
        Log.Listening(logger, baseAddress, options.Workspaces.Count);
        foreach (var address in addresses.Where(address => !new Uri(address).IsLoopback))
        {
            Log.NotLoopback(logger, address);
        }

        return new SimulatorHost(app, engine, baseAddress);
    }

    /// <summary>
    /// Completes when the host has shut down: after <see cref="StopAsync"/>, or when
    /// <paramref name="cancellationToken"/> is cancelled, which stops the host (run on its own,
    /// Ctrl+C and SIGTERM cancel it).
    /// </summary>
    /// <param name="cancellationToken">Stops the host.</param>
    /// <returns>A task that completes on shutdown.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting requests and ends the ones in flight (requests held by a fault's latency are aborted).</summary>
    /// <param name="cancellationToken">Ends the graceful part of the stop early.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref stopped, 1) == 0 ? app.StopAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Stops the server if still running and releases it.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }

    private static void Validate(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "Simulator:TimeProvider");
        if (string.IsNullOrWhiteSpace(options.Urls))
        {
            throw new ArgumentException("Simulator:Urls is empty; give e.g. http://127.0.0.1:9000 (port 0 picks a free port)", nameof(options));
        }

        foreach (var (token, workspace) in options.Workspaces)
        {
            if (string.IsNullOrWhiteSpace(token) || token.Contains(' ', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(workspace))
            {
                throw new ArgumentException($"Simulator:Workspaces has an invalid entry '{token}' -> '{workspace}'; tokens need no spaces and workspaces a name", nameof(options));
            }
        }
    }
}
