using System.Collections.Frozen;

namespace JobGateway.Simulator.Http;

internal sealed class BearerAuthenticator(IEnumerable<KeyValuePair<string, string>> workspaces)
{
    private const string Scheme = "Bearer ";

    private readonly FrozenDictionary<string, string> workspaceByToken = workspaces.ToFrozenDictionary(StringComparer.Ordinal);

    /// <returns>The token's workspace, or null with <paramref name="error"/> saying what to send instead.</returns>
    public string? Authenticate(string? authorization, out string error)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            error = "Missing Authorization header; send 'Authorization: Bearer <token>'";
            return null;
        }

        var token = authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization.AsSpan(Scheme.Length).Trim()
            : [];
        if (token.IsEmpty || token.Contains(' '))
        {
            error = "Malformed Authorization header; expected 'Bearer <token>'";
            return null;
        }

        if (!workspaceByToken.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var workspace))
        {
            error = "Invalid API token; use a token configured under Simulator:Workspaces";
            return null;
        }

        error = string.Empty;
        return workspace;
    }
}
