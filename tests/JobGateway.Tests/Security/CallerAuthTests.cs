using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using JobGateway.Hosting;
using JobGateway.Tests.Infrastructure;
using JobGateway.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace JobGateway.Tests.Security;

/// <summary>With Upstream:ApiKey the gateway spends its own key: callers must authenticate first.</summary>
public sealed class CallerAuthTests
{
    private const string KeyA = "caller-key-a-5f1c2e";
    private const string KeyB = "caller-key-b-90d7aa";
    private static readonly string SigningKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!"));

    [Fact]
    public async Task Start_ApiKeyWithoutCallerAuthentication_IsRefusedNamingTheKeys()
    {
        var app = GatewayHost.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Upstream:ApiKey"] = GatewayHarness.DemoToken,
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Upstream:ApiKey is set", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:AllowUnauthenticatedCallers", error.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task ApiKeys_MissingWrongAndRightKeys_OnlyTheRightOneReachesTheUpstream()
    {
        await using var harness = await GatewayHarness.StartAsync(settings: ApiKeySettings());
        var jobId = await harness.Simulator.CreateJobAsync();

        var missing = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        var wrong = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth("not-a-caller-key"), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        var upstreamToken = await Assert.ThrowsAsync<RpcException>(() => harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(GatewayHarness.DemoToken), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(0, (await harness.Simulator.CountsAsync(jobId)).Get);
        var right = await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(KeyA), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, upstreamToken.StatusCode);
        Assert.Contains("Auth:ApiKeys", wrong.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(jobId, right.Job.JobId);
    }

    [Fact]
    public async Task ApiKeys_TwoCallers_DoNotShareAPollGroup()
    {
        await using var harness = await GatewayHarness.StartAsync(fakeTime: true, ApiKeySettings());
        var jobId = await harness.Simulator.CreateJobAsync();

        await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(KeyA), cancellationToken: TestContext.Current.CancellationToken);
        await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(KeyA), cancellationToken: TestContext.Current.CancellationToken);
        var sameCaller = (await harness.Simulator.CountsAsync(jobId)).Get;
        await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, GatewayHarness.Auth(KeyB), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, sameCaller); // one caller's second read came from its fresh snapshot
        Assert.Equal(2, (await harness.Simulator.CountsAsync(jobId)).Get); // the other caller got a group, and a poll, of its own
    }

    [Fact]
    public async Task Jwt_MissingForgedExpiredForeignAndValidTokens()
    {
        await using var harness = await GatewayHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Upstream:ApiKey"] = GatewayHarness.DemoToken,
            ["Auth:Mode"] = "Jwt",
            ["Auth:Jwt:Audience"] = "jobgateway",
            ["Auth:Jwt:Issuer"] = "https://issuer.test",
            ["Auth:Jwt:SigningKey"] = SigningKey,
        });
        var jobId = await harness.Simulator.CreateJobAsync();

        async Task<StatusCode> CallAsync(string? token)
        {
            try
            {
                await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, token is null ? [] : GatewayHarness.Auth(token), cancellationToken: TestContext.Current.CancellationToken);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }

        var otherKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("another-signing-key-of-at-least-32-bytes"));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(null));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync("not.a.jwt"));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(Jwt("svc-a", "jobgateway", otherKey)));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(Jwt("svc-a", "jobgateway", SigningKey, expires: DateTime.UtcNow.AddMinutes(-5))));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(Jwt("svc-a", "another-service", SigningKey)));
        Assert.Equal(0, (await harness.Simulator.CountsAsync(jobId)).Get);
        Assert.Equal(StatusCode.OK, await CallAsync(Jwt("svc-a", "jobgateway", SigningKey)));
    }

    [Fact]
    public async Task OptOut_ForMeshes_StartsAndWarnsLoudly()
    {
        var logs = new CapturingLoggerProvider();
        await using var harness = await GatewayHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Upstream:ApiKey"] = GatewayHarness.DemoToken,
            ["Auth:AllowUnauthenticatedCallers"] = "true",
        }, loggerProvider: logs);
        var jobId = await harness.Simulator.CreateJobAsync();

        var job = await harness.Client.GetJobAsync(new GetJobRequest { JobId = jobId }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(jobId, job.Job.JobId);
        Assert.Contains(logs.Messages, m => m.Contains("[Critical]", StringComparison.Ordinal) && m.Contains("AllowUnauthenticatedCallers", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Auth:Mode", "ApiKeys", "at least one key")]
    [InlineData("Auth:Mode", "Jwt", "Auth:Jwt:Audience is required")]
    public async Task Start_IncompleteCallerAuthentication_IsRefused(string key, string value, string expected)
    {
        var app = GatewayHost.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Upstream:ApiKey"] = GatewayHarness.DemoToken,
            [key] = value,
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    private static Dictionary<string, string?> ApiKeySettings() => new()
    {
        ["Upstream:ApiKey"] = GatewayHarness.DemoToken,
        ["Auth:Mode"] = "ApiKeys",
        ["Auth:ApiKeys:0:Id"] = "team-a",
        ["Auth:ApiKeys:0:Sha256"] = Sha256(KeyA),
        ["Auth:ApiKeys:1:Id"] = "team-b",
        ["Auth:ApiKeys:1:Sha256"] = Sha256(KeyB),
    };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Jwt(string subject, string audience, string key, DateTime? expires = null)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256);
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        var token = new JwtSecurityToken("https://issuer.test", audience, [new Claim("sub", subject)], expiry.AddMinutes(-30), expiry, credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
