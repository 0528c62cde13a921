namespace JobGateway.Analyzers.Internals;

/// <summary>Metadata names the rules look up once per compilation.</summary>
internal static class KnownNames
{
    public const string JobState = "JobGateway.V1.JobState";
    public const string JobStatusTableAttribute = "JobGateway.Analysis.JobStatusTableAttribute";
    public const string TerminalStateAuthorityAttribute = "JobGateway.Analysis.TerminalStateAuthorityAttribute";
    public const string UpstreamPollerAttribute = "JobGateway.Analysis.UpstreamPollerAttribute";
    public const string UpstreamJobStatusReadAttribute = "JobGateway.Analysis.UpstreamJobStatusReadAttribute";
    public const string ServerCallContext = "Grpc.Core.ServerCallContext";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string CancellationTokenSource = "System.Threading.CancellationTokenSource";
}
