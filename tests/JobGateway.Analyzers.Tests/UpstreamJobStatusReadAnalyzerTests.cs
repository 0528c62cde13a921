using JobGateway.Analyzers.Tests.Infrastructure;
using Verify = JobGateway.Analyzers.Tests.Infrastructure.Verifier<JobGateway.Analyzers.Rules.UpstreamJobStatusReadAnalyzer>;

namespace JobGateway.Analyzers.Tests;

public sealed class UpstreamJobStatusReadAnalyzerTests
{
    private const string Upstream = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using JobGateway.Analysis;

        record UpstreamJob(string Id, string Status);

        interface IUpstreamJobClient
        {
            [UpstreamJobStatusRead]
            Task<UpstreamJob> GetJobAsync(string jobId, string token, CancellationToken cancellationToken);

            Task CancelJobAsync(string jobId, string token, CancellationToken cancellationToken);
        }

        sealed class UpstreamJobClient : IUpstreamJobClient
        {
            public Task<UpstreamJob> GetJobAsync(string jobId, string token, CancellationToken cancellationToken) =>
                Task.FromResult(new UpstreamJob(jobId, "queued"));

            public Task CancelJobAsync(string jobId, string token, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        """;

    [Fact]
    public Task CallFromThePoller_NoDiagnostic() => Verify.VerifyAsync(Upstream + """
        [UpstreamPoller]
        sealed class JobPoller(IUpstreamJobClient client)
        {
            public Task<UpstreamJob> PollAsync(string id, CancellationToken ct) => client.GetJobAsync(id, "t", ct);

            private sealed class Worker(IUpstreamJobClient client)
            {
                public Task<UpstreamJob> RunAsync(string id, CancellationToken ct)
                {
                    Func<Task<UpstreamJob>> poll = () => client.GetJobAsync(id, "t", ct);
                    return poll();
                }
            }
        }
        """);

    [Fact]
    public Task CallThroughTheInterfaceOutsideThePoller_Reported() => Verify.VerifyAsync(
        Upstream + """
        sealed class JobService(IUpstreamJobClient client)
        {
            public Task<UpstreamJob> GetJob(string id, CancellationToken ct) => {|#0:client.GetJobAsync(id, "t", ct)|};
        }
        """,
        Verify.Diagnostic("JGW0005").WithLocation(0).WithMessage(
            "'IUpstreamJobClient.GetJobAsync' reads job status from the upstream outside the shared poller; only a type marked [UpstreamPoller] may call it, so that the upstream sees one poll per job per interval however many clients watch the job"));

    [Fact]
    public Task CallThroughTheImplementation_Reported() => Verify.VerifyAsync(Upstream + """
        sealed class Shortcut(UpstreamJobClient client)
        {
            public Task<UpstreamJob> Peek(string id) => [|client.GetJobAsync(id, "t", CancellationToken.None)|];
        }
        """);

    [Fact]
    public Task MethodGroupOutsideThePoller_Reported() => Verify.VerifyAsync(Upstream + """
        sealed class Shortcut(IUpstreamJobClient client)
        {
            public Func<string, string, CancellationToken, Task<UpstreamJob>> Reader => [|client.GetJobAsync|];
        }
        """);

    [Fact]
    public Task OverrideOfAMarkedMethod_Reported() => Verify.VerifyAsync(Upstream + """
        abstract class UpstreamBase
        {
            [UpstreamJobStatusRead]
            public abstract Task<UpstreamJob> ReadAsync(string id);
        }

        sealed class Upstream : UpstreamBase
        {
            public override Task<UpstreamJob> ReadAsync(string id) => Task.FromResult(new UpstreamJob(id, "queued"));
        }

        sealed class Shortcut(Upstream upstream)
        {
            public Task<UpstreamJob> Peek(string id) => [|upstream.ReadAsync(id)|];
        }
        """);

    [Fact]
    public Task ExplicitImplementationCalledThroughTheInterface_Reported() => Verify.VerifyAsync(Upstream + """
        sealed class Explicit : IUpstreamJobClient
        {
            Task<UpstreamJob> IUpstreamJobClient.GetJobAsync(string jobId, string token, CancellationToken cancellationToken) =>
                Task.FromResult(new UpstreamJob(jobId, "queued"));

            Task IUpstreamJobClient.CancelJobAsync(string jobId, string token, CancellationToken cancellationToken) => Task.CompletedTask;

            public Task<UpstreamJob> Peek(string id) => [|((IUpstreamJobClient)this).GetJobAsync(id, "t", CancellationToken.None)|];
        }
        """);

    [Fact]
    public Task DecoratorForwardingTheRead_NoDiagnostic() => Verify.VerifyAsync(Upstream + """
        sealed class RetryingClient(IUpstreamJobClient inner) : IUpstreamJobClient
        {
            public async Task<UpstreamJob> GetJobAsync(string jobId, string token, CancellationToken cancellationToken)
            {
                try
                {
                    return await inner.GetJobAsync(jobId, token, cancellationToken);
                }
                catch (TimeoutException)
                {
                    return await inner.GetJobAsync(jobId, token, cancellationToken);
                }
            }

            public Task CancelJobAsync(string jobId, string token, CancellationToken cancellationToken) =>
                inner.CancelJobAsync(jobId, token, cancellationToken);
        }
        """);

    [Fact]
    public Task OtherUpstreamCallsOutsideThePoller_NoDiagnostic() => Verify.VerifyAsync(Upstream + """
        sealed class JobService(IUpstreamJobClient client)
        {
            public Task CancelJob(string id, CancellationToken ct) => client.CancelJobAsync(id, "t", ct);
        }
        """);

    [Fact]
    public Task AttributeTypesAbsent_NoDiagnostic() => Verify.VerifyWithStubsAsync(
        [],
        """
        using System.Threading.Tasks;

        interface IUpstreamJobClient
        {
            Task<string> GetJobAsync(string jobId);
        }

        sealed class JobService(IUpstreamJobClient client)
        {
            public Task<string> GetJob(string id) => client.GetJobAsync(id);
        }
        """);
}
