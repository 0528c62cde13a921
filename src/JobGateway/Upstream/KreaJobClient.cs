using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using JobGateway.V1;
using Microsoft.Extensions.Options;

namespace JobGateway.Upstream;

/// <summary>
/// The typed client of the upstream job API. Reads go through the <c>upstream-read</c> resilience
/// pipeline (retries with jitter, Retry-After); cancels through <c>upstream-write</c>, which never
/// retries a request that may have reached the upstream.
/// </summary>
internal sealed partial class KreaJobClient(
    IHttpClientFactory httpClientFactory,
    IUpstreamEndpoint endpoint,
    IOptions<UpstreamOptions> options,
    ILogger<KreaJobClient> logger) : IUpstreamJobClient
{
    public const string ReadClientName = "upstream-read";
    public const string WriteClientName = "upstream-write";

    public async Task<Job> GetJobAsync(string jobId, CallerToken token, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Get, jobId, token);
        var client = httpClientFactory.CreateClient(ReadClientName);
        using var response = await SendAsync(client, request, jobId, cancellationToken);
        var body = await ReadBodyAsync(response, cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return UpstreamJobMapper.Map(body, jobId);
        }

        throw Failure(response, body, jobId, isCancel: false);
    }

    public async Task CancelJobAsync(string jobId, CallerToken token, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Delete, jobId, token);
        var client = httpClientFactory.CreateClient(WriteClientName);
        using var response = await SendAsync(client, request, jobId, cancellationToken);
        var body = await ReadBodyAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw Failure(response, body, jobId, isCancel: true);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string jobId, CallerToken token)
    {
        var request = new HttpRequestMessage(method, new Uri(endpoint.BaseAddress, $"jobs/{Uri.EscapeDataString(jobId)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.RequestCancelled(logger, request.Method.Method, jobId);
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            Log.RequestFailed(logger, request.Method.Method, jobId, ex.GetType().Name, ex.Message);
            throw new UpstreamException(
                UpstreamFailureKind.Unavailable,
                $"The upstream at {endpoint.BaseAddress.GetLeftPart(UriPartial.Authority)} did not answer ({Describe(ex)}). Try again later.",
                inner: ex);
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw TooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new UpstreamException(UpstreamFailureKind.Unavailable, $"The upstream connection broke while sending its answer ({ex.Message}). Try again later.", inner: ex);
        }
    }

    private static UpstreamException TooLarge(int limit) =>
        new(UpstreamFailureKind.InvalidResponse, $"The upstream's answer is larger than Upstream:MaxResponseBytes ({limit} bytes).");

    private static UpstreamException Failure(HttpResponseMessage response, byte[] body, string jobId, bool isCancel)
    {
        var status = (int)response.StatusCode;
        var detail = ErrorText(body);
        var retryAfter = RetryAfterHeader.Read(response);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new(UpstreamFailureKind.NotFound, $"Job {jobId} was not found, or the token used may not see it (upstream: {detail})."),
            HttpStatusCode.Unauthorized => new(UpstreamFailureKind.Unauthenticated, $"The upstream rejected the token (401: {detail}). Send a valid 'authorization: Bearer <token>' or fix Upstream:ApiKey."),
            HttpStatusCode.Forbidden => new(UpstreamFailureKind.PermissionDenied, $"The token may not access job {jobId} (403: {detail})."),
            HttpStatusCode.TooManyRequests => new(UpstreamFailureKind.RateLimited, $"The upstream is rate limiting this workspace (429: {detail}){RetryText(retryAfter)}.", retryAfter),
            HttpStatusCode.PaymentRequired => new(UpstreamFailureKind.NoCredits, $"The upstream workspace has no credits left (402: {detail})."),
            _ when status >= 500 => new(UpstreamFailureKind.Unavailable, $"The upstream failed ({status}: {detail}){RetryText(retryAfter)}. Try again later.", retryAfter),
            _ when isCancel => new(UpstreamFailureKind.CancelRefused, $"The upstream refused to cancel job {jobId} ({status}: {detail})."),
            _ => new(UpstreamFailureKind.Rejected, $"The upstream rejected the request for job {jobId} ({status}: {detail})."),
        };
    }

    private static string RetryText(TimeSpan? retryAfter) =>
        retryAfter is { } delay ? $"; it asked to retry after {delay.TotalSeconds:0.###} s" : string.Empty;

    // The upstream's error bodies are {"error": "..."}; anything else is summarised, never echoed whole.
    private static string ErrorText(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out var error) &&
                error.ValueKind == JsonValueKind.String)
            {
                var text = error.GetString() ?? string.Empty;
                return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
            }
        }
        catch (JsonException)
        {
        }

        return body.Length == 0 ? "empty body" : $"{body.Length} bytes without an error message";
    }

    private static string Describe(Exception ex) => ex switch
    {
        Polly.Timeout.TimeoutRejectedException or TimeoutException or OperationCanceledException => "timed out",
        HttpRequestException { HttpRequestError: var error } => $"{error}: {ex.Message}",
        _ => ex.Message,
    };
}
