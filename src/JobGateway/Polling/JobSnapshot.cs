using Google.Protobuf;
using JobGateway.V1;

namespace JobGateway.Polling;

/// <summary>One revision of a job as delivered to watchers, serialized once for every stream.</summary>
internal sealed class JobSnapshot
{
    public JobSnapshot(Job job, long receivedTimestamp = 0)
    {
        Job = job;
        ReceivedTimestamp = receivedTimestamp;
        IsTerminal = JobStates.IsTerminal(job.State);
        Frame = new WatchJobResponse { Job = job }.ToByteArray();
    }

    /// <summary>The job; shared by every reader, never mutated.</summary>
    public Job Job { get; }

    public ulong Revision => Job.Revision;

    public bool IsTerminal { get; }

    /// <summary>When the change reached this replica (<see cref="TimeProvider.GetTimestamp"/>), for the fan-out histogram.</summary>
    public long ReceivedTimestamp { get; }

    /// <summary>The serialized <see cref="WatchJobResponse"/> written to every stream as is.</summary>
    public byte[] Frame { get; }
}
