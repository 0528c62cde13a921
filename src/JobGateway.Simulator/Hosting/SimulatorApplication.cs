using JobGateway.Simulator.Control;
using JobGateway.Simulator.Http;

namespace JobGateway.Simulator.Hosting;

/// <summary>Builds the simulator's web application from its options alone.</summary>
internal static class SimulatorApplication
{
    public static WebApplication Build(SimulatorOptions options, SimulatorEngine engine)
    {
        // The empty builder reads no appsettings.json, environment variables nor command line:
        // embedded in the gateway, the simulator must not pick up the gateway's Kestrel settings.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SimulatorApplication).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => KestrelEndpoints.Configure(kestrel, options.Urls));

        var services = builder.Services;
        services.AddRoutingCore();
        if (options.LoggerFactory is { } loggerFactory)
        {
            // The simulator logs its own address; the host's "Now listening on" would also list
            // the hidden HTTP/2 endpoint and could be mistaken for the embedding host's address.
            builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory)).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        }

        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        services.AddSingleton(engine);
        services.AddSingleton(new BearerAuthenticator(options.Workspaces));
        services.AddSingleton<KreaApi>();
        services.AddSingleton<ControlApi>();

        var app = builder.Build();
        app.UseMiddleware<UnhandledErrorMiddleware>();
        app.UseRouting();
        app.UseMiddleware<KreaGateMiddleware>();
        KreaApi.Map(app);
        ControlApi.Map(app);
        app.MapFallback((HttpContext context) => ErrorResults.Create(
            StatusCodes.Status404NotFound,
            $"No route for {context.Request.Method} {context.Request.Path}; the simulator serves POST /generate/image/{{vendor}}/{{model}}, GET and DELETE /jobs/{{id}}, GET /jobs and /_control/*"));
        return app;
    }
}
