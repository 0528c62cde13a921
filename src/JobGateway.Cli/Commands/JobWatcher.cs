using System.Globalization;
using Grpc.Core;
using JobGateway.Cli.Output;
using JobGateway.V1;

namespace JobGateway.Cli.Commands;

/// <summary>
/// Runs one <c>watch</c>: prints every message, maps the terminal state to the exit code, and on a
/// broken stream either names the revision to resume after or (with <see cref="Reconnect"/>) resumes
/// itself, relying on the contract that a resumed stream has no gap and no duplicate.
/// </summary>
internal sealed class JobWatcher(GatewayConnection gateway, IJobRenderer renderer, TextWriter error, TimeProvider time, string jobId)
{
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    public bool Reconnect { get; init; }

    public async Task<int> RunAsync(ulong afterRevision, CancellationToken cancellationToken)
    {
        Job? last = null;
        var delay = FirstReconnectDelay;
        while (true)
        {
            var receivedThisAttempt = false;
            try
            {
                using var call = gateway.Client.WatchJob(
                    new WatchJobRequest { JobId = jobId, AfterRevision = afterRevision },
                    gateway.Streaming(cancellationToken));
                await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    last = message.Job;
                    receivedThisAttempt = true;
                    afterRevision = last.Revision;
                    delay = FirstReconnectDelay;
                    renderer.WriteChange(last, time.GetLocalNow());
                }

                return await FinishAsync(last, afterRevision);
            }
            catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or RpcException)
            {
                if (afterRevision > 0)
                {
                    await error.WriteLineAsync($"jobgw: stopped; resume with: {ResumeCommand(afterRevision)}");
                }

                return ExitCodes.Interrupted;
            }
            catch (RpcException e) when (GrpcErrors.IsResumable(e.StatusCode))
            {
                var problem = GrpcErrors.Describe(e, gateway.Target, jobId, streaming: true, received: receivedThisAttempt);
                if (!Reconnect)
                {
                    var hint = afterRevision > 0 ? $"; resume with: {ResumeCommand(afterRevision)}" : string.Empty;
                    await error.WriteLineAsync($"jobgw: {problem}{hint}");
                    return ExitCodes.Error;
                }

                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"jobgw: {problem}; reconnecting in {Durations.Format(delay)} after revision {afterRevision}"));
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            }
        }
    }

    private async Task<int> FinishAsync(Job? last, ulong afterRevision)
    {
        var exitCode = last is null ? ExitCodes.NotTerminal : ExitCodeFor(last.State);
        if (last is not null && exitCode != ExitCodes.NotTerminal)
        {
            renderer.WriteOutcome(last);
            return exitCode;
        }

        var where = last is null
            ? "without sending a job"
            : $"in state {TextRenderer.StateName(last.State)} (upstream status '{last.UpstreamStatus}'), which is not final";
        await error.WriteLineAsync($"jobgw: the gateway ended the watch {where}; watch again with: {ResumeCommand(afterRevision)}");
        return ExitCodes.NotTerminal;
    }

    private static int ExitCodeFor(JobState state) => state switch
    {
        JobState.Completed => ExitCodes.Success,
        JobState.Failed => ExitCodes.JobFailed,
        JobState.Cancelled => ExitCodes.JobCancelled,
        JobState.Unspecified or JobState.Backlogged or JobState.Queued or JobState.Scheduled
            or JobState.Processing or JobState.Sampling or JobState.IntermediateComplete => ExitCodes.NotTerminal,

        // A state newer than this build of the contract: the stream ending on it is not "done".
        _ => ExitCodes.NotTerminal,
    };

    private string ResumeCommand(ulong afterRevision) =>
        string.Create(CultureInfo.InvariantCulture, $"jobgw watch {jobId} --after-revision {afterRevision}");
}
