using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using JobGateway.Security;
using JobGateway.Upstream;
using Microsoft.Extensions.Options;

namespace JobGateway.Grpc;

/// <summary>
/// The upstream token a call runs with, and the credential scope that partitions poll groups:
/// <list type="bullet">
/// <item>without <c>Upstream:ApiKey</c>, the caller's own <c>authorization: Bearer …</c>, passed through;</item>
/// <item>with it, the gateway's key, once the caller has authenticated (<c>Auth:Mode</c>); groups are then
/// partitioned per caller, so one caller's data never reaches another.</item>
/// </list>
/// </summary>
internal sealed class CallerCredentials
{
    private readonly ConcurrentDictionary<string, CallerToken> perCaller = new(StringComparer.Ordinal);
    private readonly CallerToken? gatewayKey;
    private readonly CallerAuthOptions auth;
    private readonly (string Id, byte[] Hash)[] apiKeys;

    public CallerCredentials(IOptions<UpstreamOptions> upstream, IOptions<CallerAuthOptions> auth)
    {
        this.auth = auth.Value;
        if (upstream.Value.ApiKey is { Length: > 0 } key)
        {
            gatewayKey = new CallerToken(key);
        }

        apiKeys = [.. this.auth.ApiKeys.Select(k => (k.Id, Convert.FromHexString(k.Sha256)))];
    }

    public CallerToken Resolve(ServerCallContext context)
    {
        if (gatewayKey is null)
        {
            return new CallerToken(BearerOf(context,
                "No upstream token: send metadata 'authorization: Bearer <your Krea API token>', or run the gateway with Upstream:ApiKey."));
        }

        var caller = auth.Mode switch
        {
            CallerAuthMode.ApiKeys => AuthenticateApiKey(context),
            CallerAuthMode.Jwt => AuthenticateJwt(context),
            CallerAuthMode.None => null,
            _ => null,
        };
        return caller is null ? gatewayKey : perCaller.GetOrAdd(caller, static (id, key) => new CallerToken(key.Token, partition: id), gatewayKey);
    }

    private string AuthenticateApiKey(ServerCallContext context)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(BearerOf(context, "This gateway requires a caller key: send metadata 'authorization: Bearer <your gateway key>'.")));
        foreach (var (id, hash) in apiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                return id;
            }
        }

        throw Unauthenticated("The caller key is not one this gateway accepts (Auth:ApiKeys).");
    }

    private string AuthenticateJwt(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        if (user.Identity?.IsAuthenticated != true)
        {
            throw Unauthenticated("This gateway requires a valid JWT: send metadata 'authorization: Bearer <token>' signed for audience " +
                $"'{auth.Jwt.Audience}' (expired, unsigned or foreign tokens are refused).");
        }

        return user.FindFirst(auth.Jwt.CallerClaim)?.Value is { Length: > 0 } caller
            ? caller
            : throw Unauthenticated($"The JWT has no '{auth.Jwt.CallerClaim}' claim naming the caller (Auth:Jwt:CallerClaim).");
    }

    private static string BearerOf(ServerCallContext context, string missing)
    {
        var header = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrWhiteSpace(header))
        {
            throw Unauthenticated(missing);
        }

        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw Unauthenticated("The authorization metadata must have the form 'Bearer <token>'.");
        }

        var token = header[Scheme.Length..].Trim();
        if (!CallerToken.IsWellFormed(token))
        {
            throw Unauthenticated("The bearer token is empty, too long (over 4096 characters) or contains spaces or non-ASCII characters.");
        }

        return token;
    }

    private static RpcException Unauthenticated(string message) => new(new Status(StatusCode.Unauthenticated, message));
}
