using JobGateway.Fuzz.Targets;
using SharpFuzz;

namespace JobGateway.Fuzz.Afl;

/// <summary>
/// <c>fuzz &lt;target&gt;</c>: the SharpFuzz fork server for afl-fuzz. Input arrives on stdin; a contract violation
/// escapes as an exception, which SharpFuzz reports to afl-fuzz as a crash. Without afl-fuzz it runs stdin once.
/// </summary>
internal static class AflCommand
{
    public static int Run(IFuzzTarget target, bool inProcess)
    {
        void Execute(Stream stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            ContractGuard.Run(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        // Out of process by default: a stack overflow or a hang then costs afl-fuzz one restarted child instead
        // of the whole campaign. In process is several times faster while the target has no such bugs.
        if (inProcess)
        {
            Fuzzer.Run(Execute);
        }
        else
        {
            Fuzzer.OutOfProcess.Run(Execute);
        }

        return 0;
    }
}
