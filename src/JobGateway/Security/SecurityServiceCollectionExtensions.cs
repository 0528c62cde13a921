using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace JobGateway.Security;

internal static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CallerAuthOptions>().Bind(configuration.GetSection(CallerAuthOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallerAuthOptions>, CallerAuthOptionsValidator>());
        services.AddHostedService<CallerAuthStartupReport>();

        var jwt = configuration.GetSection($"{CallerAuthOptions.SectionName}:Jwt").Get<JwtCallerOptions>() ?? new JwtCallerOptions();
        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        if (configuration.GetValue<CallerAuthMode>($"{CallerAuthOptions.SectionName}:Mode") == CallerAuthMode.Jwt)
        {
            authentication.AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Audience = jwt.Audience;
                if (!string.IsNullOrWhiteSpace(jwt.Authority))
                {
                    options.Authority = jwt.Authority;
                }

                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateAudience = true,
                    ValidAudience = jwt.Audience,
                    ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer) || !string.IsNullOrWhiteSpace(jwt.Authority),
                    ValidIssuer = string.IsNullOrWhiteSpace(jwt.Issuer) ? jwt.Authority : jwt.Issuer,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                if (!string.IsNullOrWhiteSpace(jwt.SigningKey))
                {
                    options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(jwt.SigningKey));
                    options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                }
            });
        }

        return services;
    }
}
