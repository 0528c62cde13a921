namespace JobGateway.Simulator.Http;

/// <summary>The workspace of the request's bearer token, set once the token is accepted.</summary>
internal sealed record WorkspaceFeature(string Name);
