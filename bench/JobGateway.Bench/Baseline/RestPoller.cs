using System.Text.Json;
using JobGateway.Bench.Watching;

namespace JobGateway.Bench.Baseline;

/// <summary>
/// What a client does today without the gateway (Krea's SDK <c>jobs.wait</c>): <c>GET /jobs/{id}</c> every
/// interval on a fixed cadence (no jitter, no backoff) until the job is terminal.
/// </summary>
internal sealed class RestPoller(int index, int job)
{
    private static readonly string[] TerminalStatuses = ["completed", "failed", "cancelled"];

    private readonly ReceiptLog log = new();

    public int Index { get; } = index;

    public int Job { get; } = job;

    /// <summary>Each status the first time this poller saw it.</summary>
    public IReadOnlyList<Receipt> Receipts => log.Receipts;

    public TaskCompletionSource Connected => log.Connected;

    public long Requests { get; private set; }

    public string? Error { get; private set; }

    public bool ReceivedTerminal => log.ReceivedTerminal;

    public async Task RunAsync(HttpClient http, string jobId, TimeSpan interval, TimeSpan startDelay, WatchCounters counters, CancellationToken cancellationToken)
    {
        var path = new Uri($"jobs/{jobId}", UriKind.Relative);
        try
        {
            await Task.Delay(startDelay, cancellationToken);
            counters.OnOpened();
            using var timer = new PeriodicTimer(interval);
            do
            {
                Requests++;
                using var response = await http.GetAsync(path, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var receivedAt = DateTime.UtcNow;
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"GET /jobs/{jobId} answered {(int)response.StatusCode}");
                }

                var status = Status(body);
                if (Receipts.Count == 0 || Receipts[^1].Status != status)
                {
                    var terminal = TerminalStatuses.Contains(status);
                    log.Add(new Receipt(status, terminal, (ulong)Receipts.Count, receivedAt), counters);
                    if (terminal)
                    {
                        return;
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException)
        {
            Error = ex.Message;
            counters.OnFailed();
        }
        finally
        {
            log.Release();
        }
    }

    private static string Status(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                return reader.GetString()!;
            }
        }

        throw new JsonException("The job object has no status");
    }
}
