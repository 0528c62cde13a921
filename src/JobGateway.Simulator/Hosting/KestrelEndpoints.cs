using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace JobGateway.Simulator.Hosting;

/// <summary>Binds <see cref="SimulatorOptions.Urls"/>, each serving HTTP/1.1 and h2c (see <see cref="Http2PriorKnowledge"/>).</summary>
internal static class KestrelEndpoints
{
    /// <summary>The hidden HTTP/2-only endpoint is bound first: its address is the first of the server's addresses.</summary>
    public const int HiddenEndpointCount = 1;

    public static void Configure(KestrelServerOptions kestrel, string urls)
    {
        var priorKnowledge = new Http2PriorKnowledge();
        kestrel.Listen(IPAddress.Loopback, 0, endpoint =>
        {
            endpoint.Protocols = HttpProtocols.Http2;
            endpoint.Use(priorKnowledge.Capture);
        });

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = Parse(url);
            Action<ListenOptions> configure = endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http1;
                endpoint.Use(priorKnowledge.Detect);
            };
            if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(address.Port, configure);
            }
            else if (IPAddress.TryParse(address.Host, out var ip))
            {
                kestrel.Listen(ip, address.Port, configure);
            }
            else
            {
                // As Kestrel does for "*", "+" and host names other than localhost.
                kestrel.ListenAnyIP(address.Port, configure);
            }
        }
    }

    /// <summary>A usable client address for a bound server address: wildcards become the IPv4 loopback.</summary>
    public static Uri ToBaseAddress(string serverAddress)
    {
        var builder = new UriBuilder(serverAddress);
        if (builder.Host is "[::]" or "::" or "0.0.0.0")
        {
            builder.Host = "127.0.0.1";
        }

        builder.Path = "/";
        return builder.Uri;
    }

    private static BindingAddress Parse(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"Simulator:Urls has '{url}', which is not a URL like http://127.0.0.1:9000: {e.Message}", e);
        }

        if (address.IsUnixPipe || !string.Equals(address.Scheme, "http", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Simulator:Urls has '{url}'; the simulator serves plain http on a host and port, e.g. http://127.0.0.1:9000");
        }

        return address;
    }
}
