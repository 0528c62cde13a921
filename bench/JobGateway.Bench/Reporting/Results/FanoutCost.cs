namespace JobGateway.Bench.Reporting.Results;

/// <summary>
/// What the fan-outs cost, over the windows from the simulator first serving a change to the last client
/// receiving it (overlapping windows merged), from CPU times sampled every 20 ms. Client and server share
/// the machine's cores: when gateway, client and other processes together keep every core busy for the
/// whole window, the fan-out waited for CPU, not for the gateway.
/// </summary>
/// <param name="OtherProcessesCores">Cores used meanwhile by processes that are not part of the run (the shared machine's noise).</param>
/// <param name="MachineBusyCores">Gateway, client and other processes together; at the machine's core count, the fan-out waited for CPU.</param>
internal sealed record FanoutCost(
    int Windows,
    double WindowSeconds,
    long Deliveries,
    double GatewayCpuSeconds,
    double ClientCpuSeconds,
    double GatewayMicrosecondsPerDelivery,
    double ClientMicrosecondsPerDelivery,
    double GatewayCores,
    double ClientCores,
    double OtherProcessesCores,
    double MachineBusyCores);
