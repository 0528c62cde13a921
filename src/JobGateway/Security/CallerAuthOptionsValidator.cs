using JobGateway.Upstream;
using Microsoft.Extensions.Options;

namespace JobGateway.Security;

internal sealed class CallerAuthOptionsValidator(IOptions<UpstreamOptions> upstream) : IValidateOptions<CallerAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, CallerAuthOptions options)
    {
        var errors = new List<string>();
        var holdsKey = !string.IsNullOrEmpty(upstream.Value.ApiKey);
        if (holdsKey && options.Mode == CallerAuthMode.None && !options.AllowUnauthenticatedCallers)
        {
            errors.Add("Upstream:ApiKey is set, so every caller that reaches the gateway would spend that key. " +
                "Require callers to authenticate with Auth:Mode=ApiKeys (and Auth:ApiKeys) or Auth:Mode=Jwt (and Auth:Jwt:*), " +
                "or, if your mesh authenticates callers (mTLS), set Auth:AllowUnauthenticatedCallers=true.");
        }

        if (!holdsKey && options.Mode != CallerAuthMode.None)
        {
            errors.Add($"Auth:Mode={options.Mode} applies only when the gateway holds the upstream key (Upstream:ApiKey); without it, callers authenticate with their own upstream tokens.");
        }

        if (options.Mode == CallerAuthMode.ApiKeys)
        {
            if (options.ApiKeys.Count == 0)
            {
                errors.Add("Auth:Mode=ApiKeys needs at least one key: Auth:ApiKeys:0:Id and Auth:ApiKeys:0:Sha256.");
            }

            for (var i = 0; i < options.ApiKeys.Count; i++)
            {
                var key = options.ApiKeys[i];
                if (string.IsNullOrWhiteSpace(key.Id))
                {
                    errors.Add($"Auth:ApiKeys:{i}:Id is empty: name the caller.");
                }

                if (key.Sha256.Length != 64 || !key.Sha256.All(Uri.IsHexDigit))
                {
                    errors.Add($"Auth:ApiKeys:{i}:Sha256 must be 64 hex digits (the SHA-256 of the key, e.g. printf %s \"$KEY\" | sha256sum).");
                }
            }
        }

        if (options.Mode == CallerAuthMode.Jwt)
        {
            if (string.IsNullOrWhiteSpace(options.Jwt.Authority) == string.IsNullOrWhiteSpace(options.Jwt.SigningKey))
            {
                errors.Add("Auth:Mode=Jwt needs exactly one of Auth:Jwt:Authority (an OpenID Connect issuer) or Auth:Jwt:SigningKey (base64, HS256).");
            }

            if (string.IsNullOrWhiteSpace(options.Jwt.Audience))
            {
                errors.Add("Auth:Jwt:Audience is required: tokens minted for another service must not be accepted.");
            }

            if (options.Jwt.SigningKey is { Length: > 0 } signingKey && !IsKeyOfAtLeast32Bytes(signingKey))
            {
                errors.Add("Auth:Jwt:SigningKey must be base64 of at least 32 bytes.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsKeyOfAtLeast32Bytes(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written >= 32;
    }
}
