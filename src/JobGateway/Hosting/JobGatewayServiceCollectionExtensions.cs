using Grpc.AspNetCore.Server.Model;
using JobGateway.Coordination;
using JobGateway.Grpc;
using JobGateway.Polling;
using JobGateway.Upstream;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JobGateway.Hosting;

/// <summary>Registers JobGateway's services.</summary>
public static class JobGatewayServiceCollectionExtensions
{
    /// <summary>Adds the gateway: upstream client, poll groups, coordination and the gRPC service.</summary>
    public static IServiceCollection AddJobGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddUpstream(configuration);
        services.AddPolling(configuration);
        services.AddCoordination(configuration);
        services.AddJobGrpc();
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
        });
        services.TryAddSingleton<CallerCredentials>();
        services.TryAddSingleton<JobGrpcService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<JobGrpcService>, JobServiceMethodProvider>());
    }
}
