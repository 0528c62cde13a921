using System.CommandLine;

namespace JobGateway.Cli;

/// <summary>
/// The options every gateway command takes. One instance is shared by <c>get</c>, <c>cancel</c> and
/// <c>watch</c> instead of recursive root options, because <c>sim create</c> has a <c>--token</c> of its
/// own with another meaning and default.
/// </summary>
internal sealed class GatewayOptions
{
    public const string AddressVariable = "JOBGW_ADDRESS";
    public const string TokenVariable = "JOBGW_TOKEN";
    public static readonly Uri DefaultAddress = new("http://localhost:8080");
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    // The address and token defaults come from the environment at run time, not from a
    // DefaultValueFactory: help would otherwise print whatever token is set in the environment.
    public Option<string?> Address { get; } = new("--address")
    {
        Description = $"The gateway's gRPC address (h2c: http://, TLS: https://). Default: ${AddressVariable}, else {DefaultAddress.OriginalString}",
        HelpName = "url",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token sent as 'authorization' metadata. Default: ${TokenVariable}; without one no authorization is sent",
        HelpName = "token",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print protobuf JSON (one object; one per line for watch) instead of text",
    };

    public Option<TimeSpan?> Timeout { get; } = new("--timeout")
    {
        Description = $"Deadline of get and cancel, and connect timeout of watch (e.g. 10s, 2m). Default: {Durations.Format(DefaultTimeout)}",
        HelpName = "duration",
        CustomParser = Durations.Parse,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Address);
        command.Options.Add(Token);
        command.Options.Add(Json);
        command.Options.Add(Timeout);
    }

    /// <summary>The target of this invocation; <paramref name="problem"/> names a bad address (a usage error).</summary>
    public GatewayTarget? Resolve(ParseResult parseResult, CliEnvironment environment, out string? problem)
    {
        problem = null;
        var (text, source) = parseResult.GetValue(Address) is { } given
            ? (given, "--address")
            : environment.Variable(AddressVariable) is { } fromEnvironment
                ? (fromEnvironment, AddressVariable)
                : (DefaultAddress.OriginalString, "the default address");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"{source} '{text}' is not an http:// or https:// URL; give the gateway's gRPC address, e.g. {DefaultAddress.OriginalString}";
            return null;
        }

        var token = parseResult.GetValue(Token) is { Length: > 0 } explicitToken ? explicitToken : environment.Variable(TokenVariable);
        return new GatewayTarget(address, token, parseResult.GetValue(Timeout) ?? DefaultTimeout);
    }
}
