namespace JobGateway.Bench.Watching;

/// <summary>
/// What one client (a WatchJob stream or a polling client of the baseline) received, in order, with
/// the signals the scenarios wait on: the first state arrived, the terminal state arrived.
/// </summary>
internal sealed class ReceiptLog
{
    private readonly List<Receipt> receipts = new(8);

    public IReadOnlyList<Receipt> Receipts => receipts;

    /// <summary>Completes when the first state has arrived, or (through <see cref="Release"/>) the client gave up.</summary>
    public TaskCompletionSource Connected { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ReceivedTerminal { get; private set; }

    /// <summary>Records a state and counts it: the first one connects the client, a terminal one ends its wait.</summary>
    public void Add(Receipt receipt, WatchCounters counters)
    {
        receipts.Add(receipt);
        counters.OnMessage();
        if (receipts.Count == 1)
        {
            counters.OnConnected();
            Connected.TrySetResult();
        }

        if (receipt.IsTerminal)
        {
            ReceivedTerminal = true;
            counters.OnTerminal();
        }
    }

    /// <summary>Lets whoever waits for <see cref="Connected"/> go on, whether or not a state arrived.</summary>
    public void Release() => Connected.TrySetResult();
}
