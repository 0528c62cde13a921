namespace JobGateway.Bench.Analysis;

/// <summary>
/// One change as one client received it. <see cref="PollMs"/>: from the simulator setting the status to
/// first serving it; <see cref="FanoutMs"/>: from that first answer to this client receiving it.
/// </summary>
/// <param name="Entry">Index of the change in the job's timeline.</param>
internal readonly record struct Delivery(int Entry, double TotalMs, double PollMs, double FanoutMs);
