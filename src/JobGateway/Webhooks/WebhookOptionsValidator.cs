using Microsoft.Extensions.Options;

namespace JobGateway.Webhooks;

internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(options.Path) || !options.Path.StartsWith('/'))
        {
            errors.Add($"Webhooks:Path must start with '/' (got '{options.Path}').");
        }

        if (options.PermitsPerSecond is < 1 or > 100_000)
        {
            errors.Add($"Webhooks:PermitsPerSecond must be between 1 and 100000 (got {options.PermitsPerSecond}).");
        }

        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            errors.Add($"Webhooks:MaxBodyBytes must be between 1024 and 16777216 (got {options.MaxBodyBytes}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
