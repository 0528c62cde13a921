using Microsoft.Extensions.Options;

namespace JobGateway.Upstream;

internal sealed class ConfiguredUpstreamEndpoint(IOptions<UpstreamOptions> options) : IUpstreamEndpoint
{
    public Uri BaseAddress { get; } = WithTrailingSlash(options.Value.BaseUrl);

    internal static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
