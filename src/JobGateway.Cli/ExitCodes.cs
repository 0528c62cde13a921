namespace JobGateway.Cli;

/// <summary>The process exit codes; scripts branch on them, so they never change meaning.</summary>
internal static class ExitCodes
{
    /// <summary>Done; for <c>watch</c>, the job completed.</summary>
    public const int Success = 0;

    /// <summary>The call failed; stderr says why.</summary>
    public const int Error = 1;

    /// <summary>The command line was wrong (unknown option, missing argument, bad address).</summary>
    public const int Usage = 2;

    /// <summary><c>watch</c>: the job failed.</summary>
    public const int JobFailed = 3;

    /// <summary><c>watch</c>: the job was cancelled.</summary>
    public const int JobCancelled = 4;

    /// <summary><c>watch</c>: the stream ended without a terminal state, which the contract rules out.</summary>
    public const int NotTerminal = 5;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, the shell convention).</summary>
    public const int Interrupted = 130;
}
