namespace JobGateway.Simulator.Hosting;

/// <summary>Sends the simulator's logs to a factory it does not own, after the simulator's own filters.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target belongs to whoever passed it in.
    }
}
