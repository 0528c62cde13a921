namespace JobGateway.Security;

/// <summary>How callers authenticate when the gateway holds the upstream key (configuration section <c>Auth</c>).</summary>
public sealed class CallerAuthOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// How callers prove who they are. Required (not <see cref="CallerAuthMode.None"/>) when
    /// <c>Upstream:ApiKey</c> is set, unless <see cref="AllowUnauthenticatedCallers"/> says otherwise.
    /// </summary>
    public CallerAuthMode Mode { get; set; } = CallerAuthMode.None;

    /// <summary>For <see cref="CallerAuthMode.ApiKeys"/>: the accepted caller keys, by SHA-256 only.</summary>
    public List<CallerApiKey> ApiKeys { get; set; } = [];

    /// <summary>For <see cref="CallerAuthMode.Jwt"/>: how bearer JWTs are validated.</summary>
    public JwtCallerOptions Jwt { get; set; } = new();

    /// <summary>
    /// Serve callers without authentication although the gateway holds the key: only for meshes that
    /// authenticate callers themselves (mTLS). Logged as a warning at every start.
    /// </summary>
    public bool AllowUnauthenticatedCallers { get; set; }
}

/// <summary>How callers authenticate.</summary>
public enum CallerAuthMode
{
    /// <summary>No caller authentication (callers pass their own upstream token through).</summary>
    None,

    /// <summary><c>authorization: Bearer &lt;key&gt;</c> checked against <see cref="CallerAuthOptions.ApiKeys"/>.</summary>
    ApiKeys,

    /// <summary><c>authorization: Bearer &lt;JWT&gt;</c> validated as configured in <see cref="CallerAuthOptions.Jwt"/>.</summary>
    Jwt,
}

/// <summary>One accepted caller key.</summary>
public sealed class CallerApiKey
{
    /// <summary>Who the caller is (logs, partitioning). Not secret.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the key (e.g. <c>printf %s "$KEY" | sha256sum</c>); the key itself is never configured.</summary>
    public string Sha256 { get; set; } = string.Empty;
}

/// <summary>JWT validation for <see cref="CallerAuthMode.Jwt"/>.</summary>
public sealed class JwtCallerOptions
{
    /// <summary>OpenID Connect authority whose signing keys are fetched (https), or empty with <see cref="SigningKey"/>.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>The issuer tokens must carry; empty accepts the authority's.</summary>
    public string? Issuer { get; set; }

    /// <summary>Base64 symmetric key (HS256) for meshes without an identity provider; at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that names the caller (partitions poll groups). Default <c>sub</c>.</summary>
    public string CallerClaim { get; set; } = "sub";
}
