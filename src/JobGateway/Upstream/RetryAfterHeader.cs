namespace JobGateway.Upstream;

internal static class RetryAfterHeader
{
    /// <summary>The Retry-After of a response as a delay (delta-seconds, or an HTTP date relative to the response's Date).</summary>
    public static TimeSpan? Read(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var reference = response.Headers.Date ?? date;
            var delay = date - reference;
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        return null;
    }
}
