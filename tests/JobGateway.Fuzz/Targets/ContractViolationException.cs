using System.Diagnostics;
using System.Globalization;

namespace JobGateway.Fuzz.Targets;

/// <summary>
/// A target broke its contract. <see cref="Signature"/> groups inputs that hit the same bug so a
/// replay reports one finding per bug, not one per input.
/// </summary>
internal sealed class ContractViolationException : Exception
{
    public ContractViolationException(string signature, string message, Exception? inner = null)
        : base(message, inner)
    {
        Signature = signature;
    }

    public ContractViolationException()
        : this("unknown", "A contract violation.")
    {
    }

    public ContractViolationException(string message)
        : this("unknown", message)
    {
    }

    public ContractViolationException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    public string Signature { get; }

    /// <summary>An exception type the contract does not allow escaped from the target.</summary>
    public static ContractViolationException Unexpected(string target, Exception exception)
    {
        var frames = new StackTrace(exception, fNeedFileInfo: false).GetFrames();
        var throwSite = frames.Length == 0 ? "?" : Describe(frames[0]);
        var signature = string.Create(
            CultureInfo.InvariantCulture,
            $"{target}: {exception.GetType().Name} at {throwSite} via {FirstOwnFrame(frames)}");
        return new ContractViolationException(
            signature,
            $"{target} threw {exception.GetType().FullName}: {exception.Message}",
            exception);
    }

    /// <summary>The target returned, or refused, in a way its contract rules out.</summary>
    public static ContractViolationException Broken(string target, string rule, string detail, Exception? cause = null) =>
        new($"{target}: {rule}", $"{target} broke '{rule}': {detail}", cause);

    // The first frame in the gateway's own code tells which mapper line let the exception through.
    private static string FirstOwnFrame(StackFrame[] frames)
    {
        foreach (var frame in frames)
        {
            var type = frame.GetMethod()?.DeclaringType;
            if (type?.Namespace?.StartsWith("JobGateway", StringComparison.Ordinal) == true
                && !type.Namespace.StartsWith("JobGateway.Fuzz", StringComparison.Ordinal))
            {
                return Describe(frame);
            }
        }

        return "?";
    }

    private static string Describe(StackFrame frame)
    {
        var method = frame.GetMethod();
        return method is null ? "?" : $"{method.DeclaringType?.FullName}.{method.Name}";
    }
}
