namespace JobGateway.Cli;

/// <summary>Where and how a command calls the gateway, resolved from options and environment.</summary>
/// <param name="Address">The gateway's gRPC address.</param>
/// <param name="Token">The bearer token, or null to send no authorization metadata.</param>
/// <param name="Timeout">The deadline of unary calls and the connect timeout of streams.</param>
internal sealed record GatewayTarget(Uri Address, string? Token, TimeSpan Timeout);
