namespace JobGateway.Bench.Reporting.Results;

/// <summary>CPU (cores) and peak RSS of a process other than a gateway, per phase.</summary>
internal sealed record ProcessUse(double CpuCoresGatewayLifecycle, double? CpuCoresBaselineLifecycle, long RssPeakKiB);
