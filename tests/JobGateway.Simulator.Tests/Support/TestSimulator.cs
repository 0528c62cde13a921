using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace JobGateway.Simulator.Tests.Support;

/// <summary>A simulator on a free loopback port, driven by a fake clock that starts at <see cref="Start"/>.</summary>
internal sealed class TestSimulator : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<HttpClient> clients = [];

    private TestSimulator(SimulatorHost host, FakeTimeProvider time)
    {
        Host = host;
        Time = time;
        Demo = CreateClient("demo-token");
        Other = CreateClient("other-token");
        Anonymous = CreateClient(null);
    }

    public SimulatorHost Host { get; }

    public SimulatorEngine Engine => Host.Engine;

    public FakeTimeProvider Time { get; }

    /// <summary>Token of workspace "demo".</summary>
    public HttpClient Demo { get; }

    /// <summary>Token of workspace "other".</summary>
    public HttpClient Other { get; }

    /// <summary>No token; also used for the control API.</summary>
    public HttpClient Anonymous { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<TestSimulator> StartAsync(int? randomSeed = null, Action<SimulatorOptions>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var options = new SimulatorOptions { TimeProvider = time, RandomSeed = randomSeed };
        configure?.Invoke(options);
        var host = await SimulatorHost.StartAsync(options, Cancellation);
        return new TestSimulator(host, time);
    }

    public HttpClient CreateClient(string? token, Version? version = null)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (version is not null)
        {
            client.DefaultRequestVersion = version;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        clients.Add(client);
        return client;
    }

    /// <summary>Creates a job in workspace "demo" with the given <c>simulation</c> object and returns its id.</summary>
    public async Task<string> CreateJobAsync(string? simulationJson = null)
    {
        var reply = await CreateAsync(simulationJson);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Body.GetProperty("job_id").GetString()!;
    }

    public Task<Reply> CreateAsync(string? simulationJson = null, HttpClient? client = null) =>
        SendAsync(
            client ?? Demo,
            HttpMethod.Post,
            "generate/image/bfl/flux-1-dev",
            simulationJson is null ? """{"prompt": "a cat"}""" : $$"""{"prompt": "a cat", "simulation": {{simulationJson}}}""");

    public Task<Reply> GetJobAsync(string id, HttpClient? client = null) => SendAsync(client ?? Demo, HttpMethod.Get, $"jobs/{id}");

    public Task<Reply> CancelJobAsync(string id, HttpClient? client = null) => SendAsync(client ?? Demo, HttpMethod.Delete, $"jobs/{id}");

    public Task<Reply> ControlAsync(HttpMethod method, string path, string? json = null) =>
        SendAsync(Anonymous, method, $"_control/{path}", json);

    public static async Task<Reply> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Version = client.DefaultRequestVersion,
            VersionPolicy = client.DefaultVersionPolicy,
        };
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Reply(response.StatusCode, body, response);
    }

    /// <summary>Sets the fake clock to <see cref="Start"/> plus <paramref name="seconds"/>.</summary>
    public void At(double seconds) => Time.SetUtcNow(Start + TimeSpan.FromSeconds(seconds));

    /// <summary>The job's status at each instant, in seconds after <see cref="Start"/>, as seen over HTTP.</summary>
    public async Task<string[]> StatusesAtAsync(string id, params double[] seconds)
    {
        var statuses = new string[seconds.Length];
        for (var i = 0; i < seconds.Length; i++)
        {
            At(seconds[i]);
            statuses[i] = (await GetJobAsync(id)).JobStatus;
        }

        return statuses;
    }

    public async Task<JsonElement> CountersAsync() => (await ControlAsync(HttpMethod.Get, "counters")).Body;

    public static string Iso(double secondsAfterStart) =>
        (Start + TimeSpan.FromSeconds(secondsAfterStart)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
    }
}
