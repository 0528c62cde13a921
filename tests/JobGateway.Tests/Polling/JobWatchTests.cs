using Grpc.Core;
using JobGateway.Coordination;
using JobGateway.Polling;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;

namespace JobGateway.Tests.Polling;

/// <summary>
/// The watch mailbox in push mode (<see cref="JobWatch.RunAsync"/>), as the WatchJob handler uses it: the
/// fan-out thread writes, one write at a time, the newest state after a stall, and the call may end only
/// when no write is running.
/// </summary>
public sealed class JobWatchTests
{
    private static readonly PollGroupKey Key = new("scope", "00000000-0000-0000-0000-000000000001");

    [Fact]
    public async Task RunAsync_WritesEveryOfferOnTheOfferingThreadAndEndsOkAfterTheTerminalOne()
    {
        using var watch = new JobWatch(Key, 0, _ => { });
        var writes = new List<(ulong Revision, int Thread)>();
        var run = watch.RunAsync(snapshot =>
        {
            writes.Add((snapshot.Revision, Environment.CurrentManagedThreadId));
            return ValueTask.CompletedTask;
        }, TestContext.Current.CancellationToken);

        var offeringThread = Environment.CurrentManagedThreadId;
        watch.Offer(Snapshot(1, "queued"));
        watch.Offer(Snapshot(2, "processing"));
        watch.Offer(Snapshot(2, "processing")); // a duplicate (the store and the channel both delivered it)
        watch.Offer(Snapshot(3, "completed"));

        Assert.Null(await run);
        Assert.Equal([1UL, 2UL, 3UL], writes.Select(w => w.Revision));
        Assert.All(writes, w => Assert.Equal(offeringThread, w.Thread));
        Assert.Equal(3UL, watch.LastWritten);
    }

    [Fact]
    public async Task RunAsync_WriteThatDoesNotComplete_OffersReturnAtOnceAndTheNewestIsWrittenNext()
    {
        using var watch = new JobWatch(Key, 0, _ => { });
        var (stalled, writes, run) = RunWithFirstWriteStalled(watch);

        watch.Offer(Snapshot(1, "queued"));
        watch.Offer(Snapshot(2, "processing"));
        watch.Offer(Snapshot(3, "sampling"));
        watch.Offer(Snapshot(4, "intermediate-complete"));
        Assert.Equal([1UL], writes); // the client is not reading: later states wait in the one slot
        Assert.True(watch.HasPending);

        stalled.SetResult();
        await Eventually.TrueAsync(() => { lock (writes) { return writes.Count == 2; } }, "the write after the stall");
        watch.Offer(Snapshot(5, "completed"));

        Assert.Null(await run);
        Assert.Equal([1UL, 4UL, 5UL], writes); // 2 and 3 were conflated into 4
    }

    [Fact]
    public async Task RunAsync_CancelledDuringAWrite_CompletesOnlyAfterTheWriteReturnsAndWritesNothingMore()
    {
        using var watch = new JobWatch(Key, 0, _ => { });
        using var cancel = new CancellationTokenSource();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = 0;
        var run = watch.RunAsync(_ =>
        {
            Interlocked.Increment(ref writes);
            return new ValueTask(stalled.Task);
        }, cancel.Token);
        watch.Offer(Snapshot(1, "queued"));

        await cancel.CancelAsync();
        watch.Offer(Snapshot(2, "processing"));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(run.IsCompleted); // the call must not end while its stream is being written

        stalled.SetResult();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        watch.Offer(Snapshot(3, "completed"));
        Assert.Equal(1, writes);
    }

    [Fact]
    public async Task RunAsync_WriteFails_TheCallEndsWithThatError()
    {
        using var watch = new JobWatch(Key, 0, _ => { });
        var run = watch.RunAsync(_ => throw new IOException("The client reset the stream."), TestContext.Current.CancellationToken);

        watch.Offer(Snapshot(1, "queued"));

        var error = await Assert.ThrowsAsync<IOException>(() => run);
        Assert.Equal("The client reset the stream.", error.Message);
    }

    [Fact]
    public async Task End_WhileAWriteRuns_ThePendingStateIsWrittenBeforeTheEnd()
    {
        using var watch = new JobWatch(Key, 0, _ => { });
        var (stalled, writes, run) = RunWithFirstWriteStalled(watch);
        watch.Offer(Snapshot(1, "queued"));
        watch.Offer(Snapshot(2, "processing"));
        var failure = new PollFailure(StatusCode.NotFound, "The job was deleted.", DateTimeOffset.UnixEpoch);

        watch.End(new WatchEnd(failure));
        stalled.SetResult();

        var end = await run;
        Assert.Same(failure, end?.Failure);
        Assert.Equal([1UL, 2UL], writes);
    }

    [Fact]
    public async Task Offer_FromManyThreadsAtOnce_WritesNeverOverlapAndRevisionsOnlyGrow()
    {
        using var watch = new JobWatch(Key, 0, _ => { });
        var inWrite = 0;
        var overlaps = 0;
        var written = new List<ulong>();
        var run = watch.RunAsync(async snapshot =>
        {
            if (Interlocked.Increment(ref inWrite) != 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            written.Add(snapshot.Revision);
            if (snapshot.Revision % 7 == 0)
            {
                await Task.Yield(); // some writes complete later, as under HTTP/2 flow control
            }

            Interlocked.Decrement(ref inWrite);
        }, TestContext.Current.CancellationToken);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var revision = 1UL + (ulong)t; revision < 2_000; revision += 4)
            {
                watch.Offer(Snapshot(revision, "processing"));
            }
        }, TestContext.Current.CancellationToken)));
        watch.Offer(Snapshot(2_000, "completed"));

        Assert.Null(await run);
        Assert.Equal(0, overlaps);
        Assert.Equal(2_000UL, written[^1]);
        Assert.True(written.Zip(written.Skip(1)).All(pair => pair.First < pair.Second), "a revision was written after a newer one");
    }

    [Fact]
    public async Task FanOut_ThousandsOfWatches_EachGetsTheChangeAndOnlyThenTheEnd()
    {
        var watches = Enumerable.Range(0, 5_000).Select(_ => new JobWatch(Key, 0, _ => { })).ToArray();
        var counts = new int[watches.Length];
        var runs = watches.Select((watch, i) => watch.RunAsync(_ =>
        {
            Interlocked.Increment(ref counts[i]);
            return ValueTask.CompletedTask;
        }, TestContext.Current.CancellationToken)).ToArray();
        var failure = new PollFailure(StatusCode.DeadlineExceeded, "Watched for longer than the watch limit.", DateTimeOffset.UnixEpoch);

        FanOut.Deliver(watches, Snapshot(1, "processing"), watches, new WatchEnd(failure));

        var ends = await Task.WhenAll(runs);
        Assert.All(ends, end => Assert.Same(failure, end?.Failure));
        Assert.All(counts, count => Assert.Equal(1, count));
        Assert.True(watches.Length > FanOut.InlineLimit);
    }

    [Fact]
    public async Task FanOut_TerminalStateToThousandsOfWatches_EveryStreamWritesItOnceAndEndsOk()
    {
        var watches = Enumerable.Range(0, 5_000).Select(_ => new JobWatch(Key, 0, _ => { })).ToArray();
        var counts = new int[watches.Length];
        var runs = watches.Select((watch, i) => watch.RunAsync(snapshot =>
        {
            Assert.True(snapshot.IsTerminal);
            Interlocked.Increment(ref counts[i]);
            return ValueTask.CompletedTask;
        }, TestContext.Current.CancellationToken)).ToArray();

        FanOut.Deliver(watches, Snapshot(9, "completed"), [], null);
        watches[0].Offer(Snapshot(9, "completed")); // a duplicate from the channel writes nothing more

        var ends = await Task.WhenAll(runs);
        Assert.All(ends, Assert.Null);
        Assert.All(counts, count => Assert.Equal(1, count));
    }

    /// <summary>Runs <paramref name="watch"/> with a writer that records revisions and whose write of revision 1 waits for <c>stalled</c>.</summary>
    private static (TaskCompletionSource Stalled, List<ulong> Writes, Task<WatchEnd?> Run) RunWithFirstWriteStalled(JobWatch watch)
    {
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = new List<ulong>();
        var run = watch.RunAsync(snapshot =>
        {
            lock (writes)
            {
                writes.Add(snapshot.Revision);
            }

            return snapshot.Revision == 1 ? new ValueTask(stalled.Task) : ValueTask.CompletedTask;
        }, TestContext.Current.CancellationToken);
        return (stalled, writes, run);
    }

    private static JobSnapshot Snapshot(ulong revision, string status) => new(new Job
    {
        JobId = Key.JobId,
        State = status switch
        {
            "queued" => JobState.Queued,
            "completed" => JobState.Completed,
            _ => JobState.Processing,
        },
        UpstreamStatus = status,
        Revision = revision,
    });
}
