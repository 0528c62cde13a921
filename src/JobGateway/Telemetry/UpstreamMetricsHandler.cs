namespace JobGateway.Telemetry;

/// <summary>Counts every upstream attempt by route and status; sits inside the resilience handler, so retries count.</summary>
internal sealed class UpstreamMetricsHandler(GatewayMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = $"{request.Method.Method} /jobs/{{id}}";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.UpstreamRequests.Add(1, new("route", route), new("status", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            metrics.UpstreamRequests.Add(1, new("route", route), new("status", ex is OperationCanceledException ? "cancelled" : "error"));
            throw;
        }
    }
}
