namespace JobGateway.Analyzers.Tests.Infrastructure;

/// <summary>
/// Stand-ins for what the analyzers look for in the gateway: the generated JobState enum, the
/// marker attributes and Grpc.Core's ServerCallContext, declared in source so the tests need
/// neither the contracts nor Grpc.
/// </summary>
internal static class TestSources
{
    public const string JobState = """
        namespace JobGateway.V1
        {
            public enum JobState
            {
                Unspecified = 0,
                Backlogged = 1,
                Queued = 2,
                Scheduled = 3,
                Processing = 4,
                Sampling = 5,
                IntermediateComplete = 6,
                Completed = 7,
                Failed = 8,
                Cancelled = 9,
            }
        }
        """;

    public const string Attributes = """
        namespace JobGateway.Analysis
        {
            using System;

            [AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
            public sealed class JobStatusTableAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Class | AttributeTargets.Struct)]
            public sealed class TerminalStateAuthorityAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Class)]
            public sealed class UpstreamPollerAttribute : Attribute { }

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class UpstreamJobStatusReadAttribute : Attribute { }
        }
        """;

    public const string Grpc = """
        namespace Grpc.Core
        {
            using System.Threading;
            using System.Threading.Tasks;

            public abstract class ServerCallContext
            {
                public CancellationToken CancellationToken => CancellationTokenCore;

                protected abstract CancellationToken CancellationTokenCore { get; }
            }

            public interface IAsyncStreamWriter<in T>
            {
                Task WriteAsync(T message);

                Task WriteAsync(T message, CancellationToken cancellationToken);
            }

            public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
            {
            }
        }
        """;
}
