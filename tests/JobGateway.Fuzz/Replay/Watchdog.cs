using System.Diagnostics;
using System.Globalization;
using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// Catches a hang: a call still running after the timeout cannot be interrupted, so the watchdog saves the
/// input, prints the closing line and ends the process (exit code 3) rather than let CI wait forever.
/// Each worker thread reports on its own lane.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    public const int HangExitCode = 3;

    private readonly TimeSpan timeout;
    private readonly FindingWriter writer;
    private readonly TextWriter output;
    private readonly Func<long, string> closingLine;
    private readonly Lane[] lanes;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;

    /// <param name="closingLine">The summary line, given the violations not counted yet (the hang).</param>
    public Watchdog(int laneCount, TimeSpan timeout, FindingWriter writer, TextWriter output, Func<long, string> closingLine)
    {
        this.timeout = timeout;
        this.writer = writer;
        this.output = output;
        this.closingLine = closingLine;
        lanes = [.. Enumerable.Range(0, laneCount).Select(_ => new Lane())];
        thread = new Thread(Watch) { IsBackground = true, Name = "fuzz-watchdog" };
        thread.Start();
    }

    public void Begin(int lane, IFuzzTarget target, byte[] input)
    {
        var state = lanes[lane];
        state.Target = target;
        state.Input = input;
        Volatile.Write(ref state.StartedAt, Stopwatch.GetTimestamp());
    }

    public void End(int lane) => Volatile.Write(ref lanes[lane].StartedAt, 0);

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        stop.Dispose();
    }

    private void Watch()
    {
        while (!stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250)))
        {
            foreach (var lane in lanes)
            {
                var started = Volatile.Read(ref lane.StartedAt);
                if (started != 0 && Stopwatch.GetElapsedTime(started) >= timeout && lane.Target is { } target && lane.Input is { } input)
                {
                    Report(target, input);
                }
            }
        }
    }

    private void Report(IFuzzTarget target, byte[] input)
    {
        var signature = $"{target.Name}: hang";
        var path = writer.WriteNow(
            target,
            signature,
            input,
            string.Create(CultureInfo.InvariantCulture, $"signature: {signature}\nstill running after {timeout.TotalSeconds:0.#} s\ninput ({input.Length} bytes, printable form): {Printable.Of(input, 4000)}\n"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"VIOLATION {signature}: still running after {timeout.TotalSeconds:0.#} s on {Printable.Of(input)}\n    saved: {path}"));
        output.WriteLine(closingLine(1));
        output.Flush();
        Environment.Exit(HangExitCode);
    }

    private sealed class Lane
    {
        public long StartedAt;
        public IFuzzTarget? Target;
        public byte[]? Input;
    }
}
