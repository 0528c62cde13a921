using Grpc.AspNetCore.Server.Model;

namespace JobGateway.Grpc;

/// <summary>Binds <see cref="JobGrpcService"/> to the methods of <see cref="JobServiceMethods"/>.</summary>
internal sealed class JobServiceMethodProvider : IServiceMethodProvider<JobGrpcService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<JobGrpcService> context)
    {
        var metadata = new List<object>();
        context.AddUnaryMethod(JobServiceMethods.GetJob, metadata, static (service, request, call) => service.GetJob(request, call));
        context.AddUnaryMethod(JobServiceMethods.CancelJob, metadata, static (service, request, call) => service.CancelJob(request, call));
        context.AddServerStreamingMethod(JobServiceMethods.WatchJob, metadata, static (service, request, stream, call) => service.WatchJob(request, stream, call));
    }
}
