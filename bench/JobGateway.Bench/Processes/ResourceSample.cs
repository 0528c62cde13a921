namespace JobGateway.Bench.Processes;

/// <param name="At">When the sample was taken.</param>
/// <param name="RssKiB">Resident set size (VmRSS).</param>
/// <param name="CpuSeconds">User plus system CPU time since the process started.</param>
/// <param name="Threads">OS threads.</param>
internal readonly record struct ResourceSample(DateTime At, long RssKiB, double CpuSeconds, int Threads);
