namespace JobGateway.Simulator;

/// <summary>
/// A simulation spec, fault or status change the simulator cannot carry out. The message
/// names the offending field; the HTTP API answers it with 400 and the message.
/// </summary>
public sealed class SimulatorValidationException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public SimulatorValidationException()
    {
    }

    /// <summary>Creates an exception with a message that names the offending field.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public SimulatorValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public SimulatorValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
