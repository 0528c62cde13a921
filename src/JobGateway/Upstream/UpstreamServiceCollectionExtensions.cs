using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using JobGateway.Telemetry;
using Polly;

namespace JobGateway.Upstream;

internal static class UpstreamServiceCollectionExtensions
{
    public static IServiceCollection AddUpstream(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpstreamOptions>().Bind(configuration.GetSection(UpstreamOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpstreamOptions>, UpstreamOptionsValidator>());
        services.TryAddSingleton<IUpstreamJobClient, KreaJobClient>();
        services.TryAddTransient<UpstreamMetricsHandler>();

        var simulate = configuration.GetValue<bool>($"{UpstreamOptions.SectionName}:{nameof(UpstreamOptions.Simulate)}");
        if (simulate)
        {
            services.TryAddSingleton<SimulatedUpstream>();
            services.TryAddSingleton<IUpstreamEndpoint>(sp => sp.GetRequiredService<SimulatedUpstream>());
            services.AddHostedService(sp => sp.GetRequiredService<SimulatedUpstream>());
        }
        else
        {
            services.TryAddSingleton<IUpstreamEndpoint, ConfiguredUpstreamEndpoint>();
        }

        var read = services.AddHttpClient(KreaJobClient.ReadClientName).ConfigurePrimaryHttpMessageHandler(CreateHandler);
        read.AddResilienceHandler("upstream-read", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<UpstreamOptions>>().Value;
                builder
                    .AddTimeout(options.TotalTimeout)
                    .AddRetry(Retry(options, IsRetryableRead))
                    .AddTimeout(options.AttemptTimeout);
            });

        // Inside the resilience handler: every attempt is counted, retries included.
        read.AddHttpMessageHandler<UpstreamMetricsHandler>();

        var write = services.AddHttpClient(KreaJobClient.WriteClientName).ConfigurePrimaryHttpMessageHandler(CreateHandler);
        write.AddResilienceHandler("upstream-write", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<UpstreamOptions>>().Value;
                builder
                    .AddRetry(Retry(options, IsRetryableWrite))
                    .AddTimeout(options.AttemptTimeout);
            });
        write.AddHttpMessageHandler<UpstreamMetricsHandler>();

        return services;
    }

    // Exponential with jitter; Retry-After honoured up to Upstream:MaxRetryAfter (a longer one is not retried here).
    private static HttpRetryStrategyOptions Retry(UpstreamOptions options, Func<Outcome<HttpResponseMessage>, TimeSpan, bool> isRetryable) => new()
    {
        MaxRetryAttempts = Math.Max(1, options.MaxRetries),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && isRetryable(args.Outcome, options.MaxRetryAfter)),
    };

    private static SocketsHttpHandler CreateHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.All,
        EnableMultipleHttp2Connections = true,
    };

    // A read can always be repeated: 5xx, 408, 429 (unless it asks for a longer wait than we hold a call),
    // timeouts and connection failures.
    private static bool IsRetryableRead(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            return status switch
            {
                429 or 503 => RetryAfterHeader.Read(response) is not { } delay || delay <= maxRetryAfter,
                408 or >= 500 => true,
                _ => false,
            };
        }

        return outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException;
    }

    // A cancel is repeated only when the upstream cannot have acted on it: a 429 (concurrency limit,
    // the request was refused whole) or a connection that was never made.
    private static bool IsRetryableWrite(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response)
        {
            return RetryAfterHeader.Read(response) is not { } delay || delay <= maxRetryAfter;
        }

        return outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError, InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } };
    }
}
