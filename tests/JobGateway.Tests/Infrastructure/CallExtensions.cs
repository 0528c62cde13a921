using Grpc.Core;

namespace JobGateway.Tests.Infrastructure;

internal static class CallExtensions
{
    /// <summary>The call's status when it has ended, else null.</summary>
    public static Status? GetStatusOrNull<T>(this AsyncServerStreamingCall<T> call)
    {
        try
        {
            return call.GetStatus();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
