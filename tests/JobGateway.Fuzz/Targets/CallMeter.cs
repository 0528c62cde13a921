using System.Diagnostics;

namespace JobGateway.Fuzz.Targets;

/// <summary>Time and bytes allocated on this thread since <see cref="Start"/>.</summary>
internal readonly struct CallMeter
{
    private readonly long startedAt;
    private readonly long allocatedBefore;

    private CallMeter(long startedAt, long allocatedBefore)
    {
        this.startedAt = startedAt;
        this.allocatedBefore = allocatedBefore;
    }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(startedAt);

    public long Allocated => GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

    public static CallMeter Start() => new(Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());
}
