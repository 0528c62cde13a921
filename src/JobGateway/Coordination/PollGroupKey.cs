namespace JobGateway.Coordination;

/// <summary>One poll group: a job as seen through one credential scope (never the token itself).</summary>
internal readonly record struct PollGroupKey(string Scope, string JobId)
{
    public override string ToString() => $"{Scope}/{JobId}";
}
