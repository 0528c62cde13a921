using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobGateway.Cli.Commands;

/// <summary>
/// <c>sim create</c>: makes a job on the demo's simulated upstream through its Krea-compatible REST
/// route, so a demo needs no real Krea account. It talks to the simulator, not to the gateway: the
/// gateway's contract has no "create".
/// </summary>
internal static class SimCreateCommand
{
    public const string SimulatorVariable = "JOBGW_SIMULATOR";
    public const string DefaultToken = "demo-token";
    public static readonly Uri DefaultSimulator = new("http://127.0.0.1:8082");

    public static readonly string[] Examples =
    [
        "id=$(jobgw sim create)",
        "id=$(jobgw sim create --preset fast) && jobgw watch $id --token demo-token",
        "jobgw sim create --preset manual --token other-token --json",
        "jobgw sim create --simulator http://127.0.0.1:9000 --preset failed",
    ];

    private static readonly string[] Presets = ["default", "fast", "failed", "undocumented", "manual"];
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print the whole job the simulator returned (Krea's JSON) instead of just its id",
        };
        var simulator = new Option<string?>("--simulator")
        {
            Description = $"The simulator's base URL. Default: ${SimulatorVariable}, else {DefaultSimulator.OriginalString}",
            HelpName = "url",
        };
        var token = new Option<string>("--token")
        {
            Description = "The simulator token, which picks the job's workspace (demo-token or other-token)",
            HelpName = "token",
            DefaultValueFactory = _ => DefaultToken,
        };
        var preset = new Option<string>("--preset")
        {
            Description = "The scripted lifecycle: default (2 s steps), fast (0.2 s steps), failed, undocumented (an unknown status on the way), manual (stays queued until moved via the control API)",
            HelpName = "name",
            DefaultValueFactory = _ => Presets[0],
        };
        preset.AcceptOnlyFromAmong(Presets);
        var prompt = new Option<string>("--prompt")
        {
            Description = "The prompt of the job (the simulator ignores it)",
            DefaultValueFactory = _ => "a lighthouse at dusk",
        };
        var command = new Command("create", "Create a job on the simulated upstream and print its id (with --json the whole job)")
        {
            simulator, token, preset, prompt, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new SimCreateRequest(
                parseResult.GetValue(simulator) ?? environment.Variable(SimulatorVariable) ?? DefaultSimulator.OriginalString,
                parseResult.GetRequiredValue(token),
                parseResult.GetRequiredValue(preset),
                parseResult.GetRequiredValue(prompt),
                parseResult.GetValue(json));
            return CreateAsync(request, parseResult.InvocationConfiguration, cancellationToken);
        });
        return command;
    }

    private static async Task<int> CreateAsync(SimCreateRequest request, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(request.Simulator, UriKind.Absolute, out var simulator) || (simulator.Scheme != Uri.UriSchemeHttp && simulator.Scheme != Uri.UriSchemeHttps))
        {
            await console.Error.WriteLineAsync($"jobgw: --simulator '{request.Simulator}' is not an http:// or https:// URL, e.g. {DefaultSimulator.OriginalString}");
            return ExitCodes.Usage;
        }

        var failure = $"cannot reach the simulator at {simulator.OriginalString}: start the gateway with --Upstream:Simulate=true, or pass --simulator";
        try
        {
            using var http = new HttpClient { BaseAddress = WithTrailingSlash(simulator), Timeout = RequestTimeout };
            using var message = new HttpRequestMessage(HttpMethod.Post, "generate/image/sim/demo")
            {
                Content = new StringContent(Body(request).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.Token);
            using var response = await http.SendAsync(message, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await console.Error.WriteLineAsync($"jobgw: {Refusal(simulator, response.StatusCode, text)}");
                return ExitCodes.Error;
            }

            using var job = JsonDocument.Parse(text);
            if (job.RootElement.ValueKind != JsonValueKind.Object
                || !job.RootElement.TryGetProperty("job_id", out var id)
                || id.ValueKind != JsonValueKind.String)
            {
                await console.Error.WriteLineAsync($"jobgw: {simulator.OriginalString} answered without a job_id: is --simulator the simulator's address?");
                return ExitCodes.Error;
            }

            await console.Output.WriteLineAsync(request.Json ? job.RootElement.GetRawText() : id.GetString());
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (TaskCanceledException)
        {
            failure = $"no answer from the simulator at {simulator.OriginalString} within {Durations.Format(RequestTimeout)}";
        }
        catch (HttpRequestException e)
        {
            failure = $"{failure} ({e.GetBaseException().Message.TrimEnd('.')})";
        }
        catch (JsonException)
        {
            failure = $"{simulator.OriginalString} did not answer with JSON: is --simulator the simulator's address?";
        }

        await console.Error.WriteLineAsync($"jobgw: {failure}");
        return ExitCodes.Error;
    }

    private static JsonObject Body(SimCreateRequest request) => new()
    {
        ["prompt"] = request.Prompt,
        ["simulation"] = new JsonObject { ["preset"] = request.Preset },
    };

    private static string Refusal(Uri simulator, HttpStatusCode status, string body)
    {
        var reason = ErrorMessage(body) ?? $"HTTP {(int)status}";
        return status switch
        {
            HttpStatusCode.Unauthorized => $"the simulator did not accept the token ({reason}): use --token demo-token or --token other-token",
            HttpStatusCode.BadRequest => $"the simulator refused the request: {reason}",
            _ => $"the simulator at {simulator.OriginalString} answered HTTP {(int)status}: {reason}",
        };
    }

    // Krea-style error bodies are {"error": "..."}; anything else is shown by status code only.
    private static string? ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                    ? error.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Without the trailing slash a base address with a path (http://host/sim) would lose its last segment.
    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
}
