namespace JobGateway.Cli.Commands;

/// <summary>What <c>sim create</c> was asked for, read from its options.</summary>
internal sealed record SimCreateRequest(string Simulator, string Token, string Preset, string Prompt, bool Json);
