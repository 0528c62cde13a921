namespace JobGateway.Bench.Watching;

/// <summary>Live counts for the progress display and the checks.</summary>
internal sealed class WatchCounters
{
    private int opened;
    private int connected;
    private long messages;
    private int terminal;
    private int failed;

    public int Opened => Volatile.Read(ref opened);

    public int Connected => Volatile.Read(ref connected);

    public long Messages => Interlocked.Read(ref messages);

    public int Terminal => Volatile.Read(ref terminal);

    public int Failed => Volatile.Read(ref failed);

    public void OnOpened() => Interlocked.Increment(ref opened);

    public void OnConnected() => Interlocked.Increment(ref connected);

    public void OnMessage() => Interlocked.Increment(ref messages);

    public void OnTerminal() => Interlocked.Increment(ref terminal);

    public void OnFailed() => Interlocked.Increment(ref failed);
}
