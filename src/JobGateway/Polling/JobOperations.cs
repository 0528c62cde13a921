using Grpc.Core;
using JobGateway.Coordination;
using JobGateway.Upstream;
using JobGateway.V1;

namespace JobGateway.Polling;

/// <summary>GetJob, CancelJob and WatchJob on top of the poll groups; knows nothing of gRPC messages.</summary>
internal sealed class JobOperations(PollGroupRegistry registry, IUpstreamJobClient upstream)
{
    /// <summary>The job from a fresh or terminal snapshot, else from one poll shared by all concurrent callers.</summary>
    public async Task<Job> GetAsync(PollGroupKey key, CallerToken token, CancellationToken cancellationToken)
    {
        using var interest = registry.Enter(key, token);
        var state = await interest.Group.WaitFreshAsync(allowCached: true, cancellationToken);
        return JobOf(state);
    }

    /// <summary>
    /// Cancels upstream with the caller's token, then has the group poll at once, so every watcher on
    /// every replica sees CANCELLED without waiting for the interval.
    /// </summary>
    public async Task<Job> CancelAsync(PollGroupKey key, CallerToken token, CancellationToken cancellationToken)
    {
        using var interest = registry.Enter(key, token);
        try
        {
            await upstream.CancelJobAsync(key.JobId, token, cancellationToken);
        }
        catch (UpstreamException ex) when (ex.Kind == UpstreamFailureKind.CancelRefused)
        {
            var current = JobOf(await interest.Group.WaitFreshAsync(allowCached: false, cancellationToken));
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Job {key.JobId} cannot be cancelled: it is {JobStatusTable.Describe(current.State)} (upstream status '{current.UpstreamStatus}'); only queued or processing jobs can be cancelled."));
        }
        catch (UpstreamException ex)
        {
            throw new RpcException(new Status(ex.Kind.ToStatusCode(), ex.Message));
        }

        // A poll that starts after the cancel: the holder, here or on another replica, polls at once.
        return JobOf(await interest.Group.WaitFreshAsync(allowCached: false, cancellationToken));
    }

    public JobWatch Watch(PollGroupKey key, CallerToken token, ulong afterRevision) => registry.Watch(key, token, afterRevision);

    private static Job JobOf(GroupState state)
    {
        if (state.Failure is { } failure)
        {
            throw failure.ToRpcException();
        }

        return state.Job ?? throw new RpcException(new Status(StatusCode.Internal, "The gateway has no job and no failure for this poll; this is a bug, please report it."));
    }
}
