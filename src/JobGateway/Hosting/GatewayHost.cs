using JobGateway.Grpc;

namespace JobGateway.Hosting;

/// <summary>Builds the gateway's web application; <c>Program</c> and the tests both start it through here.</summary>
public static class GatewayHost
{
    /// <summary>Creates the application; <paramref name="configure"/> may add configuration or replace services.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddJobGateway(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = builder.Configuration.GetValue("Kestrel:Limits:Http2:MaxStreamsPerConnection", 1000);
            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        });

        var app = builder.Build();
        app.MapGrpcService<JobGrpcService>();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz");
        return app;
    }
}
