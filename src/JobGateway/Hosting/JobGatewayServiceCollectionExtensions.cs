using Grpc.AspNetCore.Server.Model;
using Grpc.Reflection;
using JobGateway.Coordination;
using JobGateway.Grpc;
using JobGateway.Polling;
using JobGateway.Security;
using JobGateway.Telemetry;
using JobGateway.Upstream;
using JobGateway.V1;
using JobGateway.Webhooks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace JobGateway.Hosting;

/// <summary>Registers JobGateway's services.</summary>
public static class JobGatewayServiceCollectionExtensions
{
    /// <summary>Adds the gateway: upstream client, poll groups, coordination, gRPC, health, telemetry and webhooks.</summary>
    public static IServiceCollection AddJobGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayMetrics>();
        services.AddUpstream(configuration);
        services.AddPolling(configuration);
        services.AddCoordination(configuration);
        services.AddCallerAuthentication(configuration);
        services.AddJobGrpc();
        services.AddWebhooks(configuration);
        services.AddGatewayTelemetry(configuration);
        services.AddHealthChecks().AddCheck<UpstreamHealthCheck>("upstream", tags: ["ready"]);
        services.AddHttpClient(UpstreamHealthCheck.ClientName);
        return services;
    }

    private static void AddPolling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection(PollingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PollingOptions>, PollingOptionsValidator>());
        services.TryAddSingleton<PollGroupRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<PollGroupRegistry>());
        services.TryAddSingleton<JobOperations>();
    }

    private static void AddJobGrpc(this IServiceCollection services)
    {
        services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = false;
            options.MaxReceiveMessageSize = 64 * 1024;
            options.MaxSendMessageSize = 4 * 1024 * 1024;
        });
        services.TryAddSingleton<CallerCredentials>();
        services.TryAddSingleton<JobGrpcService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<JobGrpcService>, JobServiceMethodProvider>());
        services.AddGrpcHealthChecks();

        // The service is bound by its own method provider, which reflection's discovery does not see:
        // name the descriptors explicitly.
        services.TryAddSingleton(new ReflectionServiceImpl(
            JobService.Descriptor,
            global::Grpc.Health.V1.Health.Descriptor,
            global::Grpc.Reflection.V1Alpha.ServerReflection.Descriptor));
    }

    private static void AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<WebhookEndpoint>();
        if (string.IsNullOrWhiteSpace(configuration["Redis:Configuration"]))
        {
            services.TryAddSingleton<IJobHintBus, LocalJobHintBus>();
        }
        else
        {
            services.TryAddSingleton(sp => new RedisJobHintBus(
                sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<IOptions<Coordination.Redis.RedisOptions>>(),
                sp.GetRequiredService<PollGroupRegistry>()));
            services.TryAddSingleton<IJobHintBus>(sp => sp.GetRequiredService<RedisJobHintBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisJobHintBus>());
        }

        var permits = configuration.GetValue($"{WebhookOptions.SectionName}:{nameof(WebhookOptions.PermitsPerSecond)}", new WebhookOptions().PermitsPerSecond);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<GatewayMetrics>().WebhookHints.Add(1, new KeyValuePair<string, object?>("outcome", "rate_limited"));
                return ValueTask.CompletedTask;
            };
            limiter.AddFixedWindowLimiter(WebhookRateLimit, window =>
            {
                window.PermitLimit = Math.Max(1, permits);
                window.Window = TimeSpan.FromSeconds(1);
                window.QueueLimit = 0;
            });
        });
    }

    internal const string WebhookRateLimit = "webhooks";

    private static void AddGatewayTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration["OpenTelemetry:OtlpEndpoint"];
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("jobgateway"))
            .WithMetrics(metrics =>
            {
                // System.Runtime: the runtime's own GC, JIT, thread-pool and lock-contention metrics (.NET 9+).
                metrics.AddMeter(GatewayMetrics.MeterName, "System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });

        // Traces go only to OTLP. Without an exporter, recording an activity for every call (and every
        // stream of a 10,000-stream fan-out) would cost CPU for nothing.
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
    }
}
