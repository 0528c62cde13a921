using System.Security.Cryptography;
using System.Text;

namespace JobGateway.Upstream;

/// <summary>An upstream bearer token and its credential scope. The token never leaves memory.</summary>
internal sealed class CallerToken
{
    private const int MaxLength = 4096;

    public CallerToken(string token)
    {
        Token = token;
        Scope = Fingerprint(token);
    }

    /// <summary>The same upstream token for one authenticated caller: a scope of that caller's own.</summary>
    public CallerToken(string token, string partition)
    {
        Token = token;
        Scope = Fingerprint($"{token}\n{partition}");
    }

    /// <summary>The token itself: sent to the upstream, never logged, never written to Redis.</summary>
    public string Token { get; }

    /// <summary>SHA-256 of the token, truncated to 128 bits, hex: safe to log and to use in keys.</summary>
    public string Scope { get; }

    public static bool IsWellFormed(string token)
    {
        if (token.Length is 0 or > MaxLength)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"token:{Scope}";

    private static string Fingerprint(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
