using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace JobGateway.Simulator.Hosting;

/// <summary>
/// Lets one plaintext endpoint serve both HTTP/1.1 and HTTP/2 with prior knowledge (h2c).
/// Kestrel serves a cleartext <c>Http1AndHttp2</c> endpoint as HTTP/1.1 only (there is no ALPN
/// to choose by) and refuses the HTTP/2 preface. So each public endpoint is HTTP/1.1, and
/// <see cref="Detect"/> peeks at a new connection's first bytes: when they are the HTTP/2
/// preface, the connection goes to the HTTP/2 handler Kestrel built for a hidden HTTP/2-only
/// loopback endpoint (<see cref="Capture"/>). Nothing is consumed, only looked at.
/// </summary>
internal sealed class Http2PriorKnowledge
{
    private ConnectionDelegate? http2;

    private static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    /// <summary>Installed on the hidden HTTP/2-only endpoint: remembers Kestrel's HTTP/2 connection handler that follows it.</summary>
    public ConnectionDelegate Capture(ConnectionDelegate next)
    {
        http2 = next;
        return next;
    }

    /// <summary>Installed on every public endpoint.</summary>
    public ConnectionDelegate Detect(ConnectionDelegate next) => async connection =>
    {
        bool isHttp2;
        try
        {
            isHttp2 = await StartsWithPrefaceAsync(connection.Transport.Input, connection.ConnectionClosed);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await (isHttp2 && http2 is { } handler ? handler : next)(connection);
    };

    private static async Task<bool> StartsWithPrefaceAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await input.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var decided = Match(buffer, out var isPreface);
            if (decided || read.IsCompleted || read.IsCanceled)
            {
                // Examined nothing, so the protocol handler reads the same bytes at once.
                input.AdvanceTo(buffer.Start);
                return decided && isPreface;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <returns>Whether the bytes so far decide the question.</returns>
    private static bool Match(ReadOnlySequence<byte> buffer, out bool isPreface)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[length];
        buffer.Slice(0, length).CopyTo(head);
        if (!Preface.StartsWith(head))
        {
            isPreface = false;
            return true;
        }

        isPreface = length == Preface.Length;
        return isPreface;
    }
}
