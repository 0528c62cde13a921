using JobGateway.Polling;

namespace JobGateway.Webhooks;

/// <summary>One replica: the hint goes straight to this process's poll groups.</summary>
internal sealed class LocalJobHintBus(PollGroupRegistry registry) : IJobHintBus
{
    public ValueTask PublishAsync(string jobId, CancellationToken cancellationToken)
    {
        registry.Hint(jobId);
        return ValueTask.CompletedTask;
    }
}
