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
        var cancellationToken = context.CancellationToken;
        using var watch = jobs.Watch(key, token, request.AfterRevision);

        // The fan-out calls Write itself (see JobWatch): a write normally completes at once, so
        // delivering a change to thousands of streams costs no thread-pool hop per stream.
        ValueTask Write(JobSnapshot snapshot)
        {
            var write = responseStream.WriteAsync(snapshot, cancellationToken);
            if (write.IsCompletedSuccessfully)
            {
                RecordFanout(snapshot);
                return ValueTask.CompletedTask;
            }

            return WriteSlowlyAsync(write, snapshot);
        }

        async ValueTask WriteSlowlyAsync(Task write, JobSnapshot snapshot)
        {
            await write.ConfigureAwait(false);
            RecordFanout(snapshot);
        }

        var end = await watch.RunAsync(Write, cancellationToken);
        if (end?.Failure is not { } failure)
        {
            // The terminal state was written, or the client already had it.
            return;
        }

        if (end.ShuttingDown)
        {
            var lastRevision = Math.Max(watch.LastWritten, request.AfterRevision);
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"The gateway is shutting down. Reconnect (to any replica) with after_revision = {lastRevision} to resume without gaps or duplicates."));
        }

        throw failure.ToRpcException();
    }

    private void RecordFanout(JobSnapshot snapshot) =>
        metrics.FanoutDuration.Record(timeProvider.GetElapsedTime(snapshot.ReceivedTimestamp).TotalMilliseconds);

    private PollGroupKey ResolveKey(string jobId, ServerCallContext context, out Upstream.CallerToken token)
    {
        var id = JobIdValidator.Validate(jobId);
        token = credentials.Resolve(context);
        return new PollGroupKey(token.Scope, id);
    }
}
