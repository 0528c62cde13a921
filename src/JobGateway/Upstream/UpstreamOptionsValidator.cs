using Microsoft.Extensions.Options;

namespace JobGateway.Upstream;

// Hand-written rather than [OptionsValidator]: the messages name the configuration key and the
// value given, which is what an operator needs to fix a deployment.
internal sealed class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var errors = new List<string>();
        if (!IsHttpUrl(options.BaseUrl))
        {
            errors.Add($"Upstream:BaseUrl must be an absolute http or https URL (got '{options.BaseUrl}').");
        }

        if (options.Simulate && !IsHttpUrl(options.SimulatorUrl))
        {
            errors.Add($"Upstream:SimulatorUrl must be an absolute http URL (got '{options.SimulatorUrl}').");
        }

        if (options.ApiKey is { Length: > 0 } key && !CallerToken.IsWellFormed(key))
        {
            errors.Add("Upstream:ApiKey must be printable ASCII without spaces, at most 4096 characters.");
        }

        OptionChecks.Positive(errors, "Upstream:AttemptTimeout", options.AttemptTimeout);
        OptionChecks.Positive(errors, "Upstream:TotalTimeout", options.TotalTimeout);
        OptionChecks.Positive(errors, "Upstream:RetryBaseDelay", options.RetryBaseDelay);
        OptionChecks.NotNegative(errors, "Upstream:MaxRetryAfter", options.MaxRetryAfter);
        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"Upstream:MaxRetries must be between 0 and 10 (got {options.MaxRetries}).");
        }

        if (options.MaxResponseBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"Upstream:MaxResponseBytes must be between 1024 and 67108864 (got {options.MaxResponseBytes}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
