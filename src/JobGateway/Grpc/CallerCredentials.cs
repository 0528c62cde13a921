using Grpc.Core;
using JobGateway.Upstream;
using Microsoft.Extensions.Options;

namespace JobGateway.Grpc;

/// <summary>
/// The upstream token a call runs with: the gateway's <c>Upstream:ApiKey</c> when set, otherwise the
/// caller's own <c>authorization: Bearer …</c> metadata, passed through.
/// </summary>
internal sealed class CallerCredentials
{
    private readonly CallerToken? gatewayKey;

    public CallerCredentials(IOptions<UpstreamOptions> options)
    {
        if (options.Value.ApiKey is { Length: > 0 } key)
        {
            gatewayKey = new CallerToken(key);
        }
    }

    public CallerToken Resolve(ServerCallContext context)
    {
        if (gatewayKey is not null)
        {
            return gatewayKey;
        }

        var header = context.RequestHeaders.GetValue("authorization");
        if (string.IsNullOrWhiteSpace(header))
        {
            throw Unauthenticated("No upstream token: send metadata 'authorization: Bearer <your Krea API token>', or run the gateway with Upstream:ApiKey.");
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

        return new CallerToken(token);
    }

    private static RpcException Unauthenticated(string message) => new(new Status(StatusCode.Unauthenticated, message));
}
