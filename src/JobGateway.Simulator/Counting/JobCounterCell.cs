namespace JobGateway.Simulator.Counting;

internal sealed class JobCounterCell
{
    private long get;
    private long delete;
    private long aborted;

    public void Increment(KreaRoute route)
    {
        if (route == KreaRoute.GetJob)
        {
            Interlocked.Increment(ref get);
        }
        else if (route == KreaRoute.CancelJob)
        {
            Interlocked.Increment(ref delete);
        }
    }

    public void IncrementAborted() => Interlocked.Increment(ref aborted);

    public JobRequestCounts Read() => new(Interlocked.Read(ref get), Interlocked.Read(ref delete), Interlocked.Read(ref aborted));
}
