namespace JobGateway.Webhooks;

/// <summary>Carries "poll this job now" hints to whichever replica holds the job's poll lease.</summary>
internal interface IJobHintBus
{
    ValueTask PublishAsync(string jobId, CancellationToken cancellationToken);
}
