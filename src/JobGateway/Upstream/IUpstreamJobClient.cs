using JobGateway.Analysis;
using JobGateway.V1;

namespace JobGateway.Upstream;

/// <summary>The REST job API: <c>GET /jobs/{id}</c> and <c>DELETE /jobs/{id}</c>.</summary>
internal interface IUpstreamJobClient
{
    /// <summary>Reads one job. Only the shared poller may call this (analyzer rule JGW0005).</summary>
    /// <exception cref="UpstreamException">The upstream did not return the job.</exception>
    [UpstreamJobStatusRead]
    Task<Job> GetJobAsync(string jobId, CallerToken token, CancellationToken cancellationToken);

    /// <summary>Asks the upstream to cancel one job. Never retried once the request may have arrived.</summary>
    /// <exception cref="UpstreamException">The upstream refused or failed.</exception>
    Task CancelJobAsync(string jobId, CallerToken token, CancellationToken cancellationToken);
}
