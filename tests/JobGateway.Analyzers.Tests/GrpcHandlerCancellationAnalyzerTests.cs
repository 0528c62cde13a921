using JobGateway.Analyzers.Tests.Infrastructure;
using Verify = JobGateway.Analyzers.Tests.Infrastructure.Verifier<JobGateway.Analyzers.Rules.GrpcHandlerCancellationAnalyzer>;

namespace JobGateway.Analyzers.Tests;

public sealed class GrpcHandlerCancellationAnalyzerTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Grpc.Core;

        interface IJobs
        {
            Task<string> GetAsync(string id, CancellationToken cancellationToken);

            Task<string> FindAsync(string id, CancellationToken cancellationToken = default);
        }

        static class JobsExtensions
        {
            public static Task RefreshAsync(this IJobs jobs, string id) => Task.CompletedTask;

            public static Task RefreshAsync(this IJobs jobs, string id, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    [Fact]
    public Task ContextTokenPassedDirectlyOrThroughLocals_NoDiagnostic() => Verify.VerifyAsync(Prelude + """
        sealed class JobService(IJobs jobs, CancellationToken stopping)
        {
            public async Task<string> GetJob(string id, ServerCallContext context)
            {
                await Task.Delay(10, context.CancellationToken);
                var ct = context.CancellationToken;
                CancellationToken copy = ct;
                await jobs.RefreshAsync(id, copy);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                return await jobs.GetAsync(id, timeout.Token);
            }
        }
        """);

    [Fact]
    public Task ServiceWithoutGeneratedBase_StillChecked() => Verify.VerifyAsync(Prelude + """
        sealed class JobService(IJobs jobs)
        {
            public Task<string> GetJob(string id, ServerCallContext context) => jobs.GetAsync(id, {|JGW0004:CancellationToken.None|});
        }
        """);

    [Fact]
    public Task NoneDefaultOrNewToken_Reported() => Verify.VerifyAsync(
        Prelude + """
        sealed class JobService(IJobs jobs)
        {
            public async Task<string> GetJob(string id, ServerCallContext context)
            {
                await jobs.GetAsync(id, {|#0:CancellationToken.None|});
                await jobs.GetAsync(id, {|JGW0004:default|});
                await jobs.GetAsync(id, {|JGW0004:new CancellationToken()|});
                return await jobs.GetAsync(id, {|JGW0004:cancellationToken: default(CancellationToken)|});
            }
        }
        """,
        Verify.Diagnostic("JGW0004").WithLocation(0).WithMessage(
            "The CancellationToken passed to 'IJobs.GetAsync' does not come from the call's ServerCallContext; pass context.CancellationToken or a token linked to it"));

    [Fact]
    public Task OtherTokens_Reported() => Verify.VerifyAsync(Prelude + """
        sealed class JobService(IJobs jobs, CancellationToken stopping)
        {
            public async Task<string> GetJob(string id, ServerCallContext context, CancellationToken extra)
            {
                await jobs.GetAsync(id, {|JGW0004:stopping|});
                await jobs.GetAsync(id, {|JGW0004:extra|});
                using var cts = new CancellationTokenSource();
                return await jobs.GetAsync(id, {|JGW0004:cts.Token|});
            }
        }
        """);

    [Fact]
    public Task LocalReassignedAfterDeclaration_Reported() => Verify.VerifyAsync(Prelude + """
        sealed class JobService(IJobs jobs)
        {
            public Task<string> GetJob(string id, ServerCallContext context)
            {
                var ct = context.CancellationToken;
                ct = CancellationToken.None;
                return jobs.GetAsync(id, {|JGW0004:ct|});
            }
        }
        """);

    [Fact]
    public Task OptionalTokenOmitted_Reported() => Verify.VerifyAsync(
        Prelude + """
        sealed class JobService(IJobs jobs)
        {
            public Task<string> GetJob(string id, ServerCallContext context) => {|#0:jobs.FindAsync(id)|};
        }
        """,
        Verify.Diagnostic("JGW0004").WithLocation(0).WithMessage(
            "'IJobs.FindAsync' is called without its optional CancellationToken 'cancellationToken'; pass context.CancellationToken"));

    [Fact]
    public Task OverloadWithTrailingTokenExists_Reported() => Verify.VerifyAsync(
        Prelude + """
        sealed class JobService(IJobs jobs)
        {
            public async Task WatchJob(string id, IServerStreamWriter<string> responseStream, ServerCallContext context)
            {
                await {|#0:Task.Delay(10)|};
                await {|JGW0004:jobs.RefreshAsync(id)|};
                await {|JGW0004:responseStream.WriteAsync(id)|};
                await responseStream.WriteAsync(id, context.CancellationToken);
            }
        }
        """,
        Verify.Diagnostic("JGW0004").WithLocation(0).WithMessage(
            "'Task.Delay' has an overload that takes a CancellationToken; call it with context.CancellationToken"));

    [Fact]
    public Task LinkedSourceWithoutTheContextToken_Reported() => Verify.VerifyAsync(Prelude + """
        sealed class JobService(IJobs jobs, CancellationToken stopping)
        {
            public Task<string> GetJob(string id, ServerCallContext context)
            {
                using var cts = {|JGW0004:CancellationTokenSource.CreateLinkedTokenSource(stopping, CancellationToken.None)|};
                return jobs.GetAsync(id, {|JGW0004:cts.Token|});
            }
        }
        """);

    [Fact]
    public Task LambdaAndLocalFunctionTokens_TrustedBecauseTheirCallersAreChecked() => Verify.VerifyAsync(Prelude + """
        sealed class JobService(IJobs jobs)
        {
            public async Task GetJobs(List<string> ids, ServerCallContext context)
            {
                await Parallel.ForEachAsync(ids, context.CancellationToken, async (id, ct) => await jobs.GetAsync(id, ct));
                await Fetch(ids[0], context.CancellationToken);
                await Fetch(ids[0], {|JGW0004:CancellationToken.None|});

                Task Fetch(string id, CancellationToken ct) => jobs.GetAsync(id, ct);
            }
        }
        """);

    [Fact]
    public Task MethodWithoutServerCallContext_NotChecked() => Verify.VerifyAsync(Prelude + """
        sealed class Poller(IJobs jobs)
        {
            public async Task<string> Poll(string id)
            {
                await Task.Delay(10);
                return await jobs.GetAsync(id, CancellationToken.None);
            }
        }
        """);

    [Fact]
    public Task ServerCallContextAbsent_NoDiagnostic() => Verify.VerifyWithStubsAsync(
        [],
        """
        using System.Threading;
        using System.Threading.Tasks;

        namespace Other
        {
            abstract class ServerCallContext
            {
                public CancellationToken CancellationToken => default;
            }

            sealed class JobService
            {
                public Task GetJob(string id, ServerCallContext context) => Task.Delay(10, CancellationToken.None);
            }
        }
        """);
}
