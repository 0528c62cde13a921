using Grpc.Core;
using JobGateway.V1;

namespace JobGateway.Tests.Infrastructure;

/// <summary>Reads one WatchJob stream to its end in the background and records what arrived.</summary>
internal sealed class WatchRecorder
{
    private readonly List<Job> received = [];
    private readonly Lock gate = new();

    private WatchRecorder(AsyncServerStreamingCall<WatchJobResponse> call)
    {
        Call = call;
        Completion = Task.Run(ReadAsync);
    }

    public AsyncServerStreamingCall<WatchJobResponse> Call { get; }

    public Task Completion { get; }

    public IReadOnlyList<Job> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return received.Count;
            }
        }
    }

    public Job? Last
    {
        get
        {
            lock (gate)
            {
                return received.Count == 0 ? null : received[^1];
            }
        }
    }

    public static WatchRecorder Start(JobService.JobServiceClient client, string jobId, ulong afterRevision = 0, string token = GatewayHarness.DemoToken, CancellationToken cancellationToken = default) =>
        new(client.WatchJob(new WatchJobRequest { JobId = jobId, AfterRevision = afterRevision }, GatewayHarness.Auth(token), cancellationToken: cancellationToken));

    /// <summary>The status the stream ended with (waits for the end).</summary>
    public async Task<Status> EndAsync()
    {
        try
        {
            await Completion;
            return Call.GetStatus();
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    private async Task ReadAsync()
    {
        await foreach (var message in Call.ResponseStream.ReadAllAsync())
        {
            lock (gate)
            {
                received.Add(message.Job);
            }
        }
    }
}
