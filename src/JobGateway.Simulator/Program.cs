using System.Runtime.InteropServices;
using JobGateway.Simulator;

// Settings: section "Simulator" (appsettings.json beside the binary, Simulator__X environment
// variables, --Simulator:X arguments); --urls wins over Simulator:Urls.
var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();
var options = new SimulatorOptions();
configuration.GetSection(SimulatorOptions.SectionName).Bind(options);
options.Urls = configuration["urls"] ?? options.Urls;

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
    .AddConfiguration(configuration.GetSection("Logging"))
    .AddSimpleConsole(console => console.SingleLine = true));
options.LoggerFactory = loggerFactory;

using var shutdown = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; shutdown.Cancel(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; shutdown.Cancel(); });

await using var host = await SimulatorHost.StartAsync(options, shutdown.Token);
await host.WaitForShutdownAsync(shutdown.Token);
