using System.Runtime.CompilerServices;

namespace JobGateway.Polling;

/// <summary>
/// Hands one change to the watches of a group. Watches write on the offering thread (see
/// <see cref="JobWatch"/>), so a large fan-out runs on one thread-pool worker per core, each taking the
/// next chunk of streams until none is left: every core writes, no stream waits for a hop of its own,
/// and streams that end after the terminal state are torn down once the workers are done writing.
/// </summary>
internal static class FanOut
{
    /// <summary>Up to this many watches are served on the calling thread.</summary>
    internal const int InlineLimit = 32;

    private const int ChunkSize = 64;

    /// <summary>Offers <paramref name="snapshot"/> to <paramref name="offerTo"/>, then ends <paramref name="endFor"/> with <paramref name="end"/>.</summary>
    public static void Deliver(JobWatch[] offerTo, JobSnapshot? snapshot, JobWatch[] endFor, WatchEnd? end)
    {
        if (snapshot is not null && offerTo.Length > InlineLimit)
        {
            var work = new Work(offerTo, snapshot, endFor, end);
            var workers = Math.Min(Environment.ProcessorCount, (offerTo.Length + ChunkSize - 1) / ChunkSize);
            for (var i = 0; i < workers; i++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
            }

            return;
        }

        if (snapshot is not null)
        {
            foreach (var watch in offerTo)
            {
                watch.Offer(snapshot);
            }
        }

        if (end is not null)
        {
            foreach (var watch in endFor)
            {
                watch.End(end);
            }
        }
    }

    private sealed class Work(JobWatch[] offerTo, JobSnapshot snapshot, JobWatch[] endFor, WatchEnd? end) : IThreadPoolWorkItem
    {
        private readonly List<TaskCompletionSource<WatchEnd?>> finishes = [];
        private int next = -ChunkSize;
        private int running;
        private int ended;

        // Called a few times per change, each call looping over thousands of streams: compiled fully
        // optimized at once, rather than run at tier 0 until enough calls promote it (seen in the profile).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Execute()
        {
            Interlocked.Increment(ref running);
            var mine = snapshot.IsTerminal ? new List<TaskCompletionSource<WatchEnd?>>() : null;
            JobWatch.DeferFinishes(mine);
            try
            {
                int start;
                while ((start = Interlocked.Add(ref next, ChunkSize)) < offerTo.Length)
                {
                    var stop = Math.Min(start + ChunkSize, offerTo.Length);
                    for (var i = start; i < stop; i++)
                    {
                        offerTo[i].Offer(snapshot);
                    }
                }
            }
            finally
            {
                JobWatch.DeferFinishes(null);
            }

            if (mine is { Count: > 0 })
            {
                lock (finishes)
                {
                    finishes.AddRange(mine);
                }
            }

            if (Interlocked.Decrement(ref running) != 0 || Interlocked.Exchange(ref ended, 1) != 0)
            {
                return;
            }

            // The last worker out. An end never overtakes the change before it on any stream.
            if (end is not null)
            {
                foreach (var watch in endFor)
                {
                    watch.End(end);
                }
            }

            // Streams that got the terminal state end behind the work already queued, Kestrel's sends of
            // the frames just written among it, so no client waits for other calls' teardown.
            if (finishes.Count > 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static all => JobWatch.ReleaseFinishes(all), finishes, preferLocal: false);
            }
        }
    }
}
