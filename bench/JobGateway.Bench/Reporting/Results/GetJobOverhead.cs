namespace JobGateway.Bench.Reporting.Results;

/// <summary>What going through the gateway adds to a direct REST GET, at one concurrency.</summary>
internal sealed record GetJobOverhead(int Concurrency, double GatewayP50Ms, double DirectP50Ms, double AddedP50Ms, double GatewayP99Ms, double DirectP99Ms, double ThroughputRatio);
