using Grpc.Core;
using JobGateway.Coordination;
using JobGateway.Polling;
using JobGateway.V1;

namespace JobGateway.Grpc;

/// <summary>
/// <c>jobgateway.v1.JobService</c>: validates, resolves the caller's upstream token, and delegates to
/// <see cref="JobOperations"/>. Bound by <see cref="JobServiceMethodProvider"/>.
/// </summary>
internal sealed class JobGrpcService(JobOperations jobs, CallerCredentials credentials, Telemetry.GatewayMetrics metrics, TimeProvider timeProvider)
{
    public async Task<GetJobResponse> GetJob(GetJobRequest request, ServerCallContext context)
    {
        var key = ResolveKey(request.JobId, context, out var token);
        var job = await jobs.GetAsync(key, token, context.CancellationToken);
        return new GetJobResponse { Job = job };
    }

    public async Task<CancelJobResponse> CancelJob(CancelJobRequest request, ServerCallContext context)
    {
        var key = ResolveKey(request.JobId, context, out var token);
        var job = await jobs.CancelAsync(key, token, context.CancellationToken);
        return new CancelJobResponse { Job = job };
    }

    public async Task WatchJob(WatchJobRequest request, IServerStreamWriter<JobSnapshot> responseStream, ServerCallContext context)
    {
        var key = ResolveKey(request.JobId, context, out var token);
        using var watch = jobs.Watch(key, token, request.AfterRevision);
        var lastRevision = request.AfterRevision;
        while (true)
        {
            var item = await watch.NextAsync(context.CancellationToken);
            if (item.Snapshot is { } snapshot)
            {
                await responseStream.WriteAsync(snapshot, context.CancellationToken);
                metrics.FanoutDuration.Record(timeProvider.GetElapsedTime(snapshot.ReceivedTimestamp).TotalMilliseconds);
                lastRevision = snapshot.Revision;
                if (snapshot.IsTerminal)
                {
                    return;
                }

                continue;
            }

            var end = item.End!;
            if (end.Failure is null)
            {
                return;
            }

            if (end.ShuttingDown)
            {
                throw new RpcException(new Status(StatusCode.Unavailable,
                    $"The gateway is shutting down. Reconnect (to any replica) with after_revision = {lastRevision} to resume without gaps or duplicates."));
            }

            throw end.Failure.ToRpcException();
        }
    }

    private PollGroupKey ResolveKey(string jobId, ServerCallContext context, out Upstream.CallerToken token)
    {
        var id = JobIdValidator.Validate(jobId);
        token = credentials.Resolve(context);
        return new PollGroupKey(token.Scope, id);
    }
}
