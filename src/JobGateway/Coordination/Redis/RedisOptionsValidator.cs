using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace JobGateway.Coordination.Redis;

internal sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Configuration))
        {
            try
            {
                var parsed = ConfigurationOptions.Parse(options.Configuration);
                if (parsed.EndPoints.Count == 0)
                {
                    errors.Add("Redis:Configuration names no endpoint; use e.g. 'redis:6379' or leave it empty for in-memory coordination.");
                }
            }
            catch (ArgumentException ex)
            {
                errors.Add($"Redis:Configuration is not a valid StackExchange.Redis configuration string: {ex.Message}");
            }
        }

        if (string.IsNullOrEmpty(options.KeyPrefix) || options.KeyPrefix.Length > 64 || options.KeyPrefix.Any(c => char.IsWhiteSpace(c) || c is '{' or '}'))
        {
            errors.Add($"Redis:KeyPrefix must be 1-64 characters without spaces or braces (got '{options.KeyPrefix}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
