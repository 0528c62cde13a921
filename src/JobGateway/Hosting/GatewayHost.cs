using System.Text.Json;
using Grpc.Reflection;
using JobGateway.Grpc;
using JobGateway.Webhooks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace JobGateway.Hosting;

/// <summary>Builds the gateway's web application; <c>Program</c> and the tests both start it through here.</summary>
public static class GatewayHost
{
    /// <summary>Creates the application; <paramref name="configure"/> may add configuration or replace services.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json (the gRPC and HTTP ports among them) sits beside the assembly: read it from there
        // whatever the working directory, unless --contentRoot says otherwise.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        builder.Services.AddJobGateway(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Defaults that hold unless Kestrel:Limits:Http2:* sets them.
            var http2 = builder.Configuration.GetSection("Kestrel:Limits:Http2");
            kestrel.AddServerHeader = false;
            kestrel.Limits.Http2.MaxStreamsPerConnection = http2.GetValue("MaxStreamsPerConnection", 1000);
            kestrel.Limits.Http2.KeepAlivePingDelay = http2.GetValue("KeepAlivePingDelay", TimeSpan.FromSeconds(30));
            kestrel.Limits.Http2.KeepAlivePingTimeout = http2.GetValue("KeepAlivePingTimeout", TimeSpan.FromSeconds(20));
            kestrel.Limits.MaxRequestHeadersTotalSize = builder.Configuration.GetValue("Kestrel:Limits:MaxRequestHeadersTotalSize", 16 * 1024);
            kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize", 1024 * 1024);
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapGrpcService<JobGrpcService>();
        app.MapGrpcService<ReflectionServiceImpl>();
        app.MapGrpcHealthChecksService();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync });
        app.MapPrometheusScrapingEndpoint("/metrics");

        var webhooks = app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        if (webhooks.Enabled)
        {
            app.MapPost(webhooks.Path, (HttpRequest request, WebhookEndpoint endpoint, CancellationToken cancellationToken) => endpoint.HandleAsync(request, cancellationToken))
                .RequireRateLimiting(JobGatewayServiceCollectionExtensions.WebhookRateLimit);
        }

        return app;
    }

    // Degraded (Redis unreachable) stays 200: every replica shares that Redis, and taking them all out
    // of rotation would turn a Redis outage into a full one while each can still serve alone.
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description });
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), checks }));
    }
}
