namespace JobGateway.Hosting;

/// <summary>A minimal HTTP probe for container health checks.</summary>
public static class HealthProbe
{
    /// <summary>0 when <paramref name="url"/> answers 2xx within 3 s, else 1.</summary>
    public static async Task<int> RunAsync(Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"health check of {url} failed: {ex.Message}");
            return 1;
        }
    }
}
