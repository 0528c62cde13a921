using Grpc.Core;
using JobGateway.V1;

namespace JobGateway.Bench.Watching;

/// <summary>One WatchJob stream: every state it receives, with the instant it arrived, and how it ended.</summary>
internal sealed class Watcher(int index, int job, int replica)
{
    private readonly ReceiptLog log = new();

    public int Index { get; } = index;

    public int Job { get; } = job;

    public int Replica { get; } = replica;

    public IReadOnlyList<Receipt> Receipts => log.Receipts;

    /// <summary>Completes when the first message (the job as it stands) has arrived, or the stream failed.</summary>
    public TaskCompletionSource Connected => log.Connected;

    /// <summary>The stream's final status; OK once it ended after the terminal state.</summary>
    public StatusCode? EndStatus { get; private set; }

    public string? Error { get; private set; }

    public bool ReceivedTerminal => log.ReceivedTerminal;

    public async Task RunAsync(JobService.JobServiceClient client, string jobId, Metadata headers, WatchCounters counters, CancellationToken cancellationToken)
    {
        counters.OnOpened();
        try
        {
            using var call = client.WatchJob(new WatchJobRequest { JobId = jobId }, headers, cancellationToken: cancellationToken);
            var stream = call.ResponseStream;
            while (await stream.MoveNext(cancellationToken))
            {
                var receivedAt = DateTime.UtcNow;
                var current = stream.Current.Job;
                var terminal = current.State is JobState.Completed or JobState.Failed or JobState.Cancelled;
                log.Add(new Receipt(current.UpstreamStatus, terminal, current.Revision, receivedAt), counters);
            }

            EndStatus = call.GetStatus().StatusCode;
        }
        catch (RpcException ex)
        {
            EndStatus = ex.StatusCode;
            Error = ex.Status.Detail;
        }
        finally
        {
            if (EndStatus != StatusCode.OK || !ReceivedTerminal)
            {
                counters.OnFailed();
                Error ??= ReceivedTerminal ? null : "the stream ended before the terminal state";
            }

            log.Release();
        }
    }
}
