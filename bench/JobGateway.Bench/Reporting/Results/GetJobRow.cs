namespace JobGateway.Bench.Reporting.Results;

/// <param name="Target">"gateway" (gRPC GetJob) or "direct" (REST GET /jobs/{id} on the simulator).</param>
/// <param name="CpuCoresServer">CPU of the process that answered (gateway or simulator), in cores.</param>
/// <param name="CpuCoresClient">CPU of the bench process while it drove this target.</param>
internal sealed record GetJobRow(string Target, int Concurrency, long Requests, long Errors, double Seconds, double RequestsPerSecond, LatencySummary Latency, double CpuCoresServer, double CpuCoresClient);
