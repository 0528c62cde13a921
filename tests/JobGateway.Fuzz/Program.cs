using JobGateway.Fuzz;
using JobGateway.Fuzz.Afl;
using JobGateway.Fuzz.Replay;
using JobGateway.Fuzz.Targets;

const string Usage = """
    usage:
      fuzz <mapper|jobid> [--in-process]   SharpFuzz fork server for afl-fuzz; the input comes on stdin
      replay [options]                     deterministic corpus + mutation run, no instrumentation (CI)
        --iterations N   mutations per corpus file (default 10000)   --seed N        (default 20240601)
        --target NAME    only mapper or only jobid                  --timeout SEC   hang limit per input (default 10)
        --corpus DIR     (default corpus/ beside the project)       --findings DIR  (default findings/ beside it)
        --max-length N   cut mutated inputs to N bytes (65536)      --no-stress     skip the 1 MiB inputs
        --workers N      threads (default: one per core; the outcome is the same for any N)
      run <mapper|jobid> <file|dir>...     run saved inputs once each and print what happened
    exit codes: 0 clean, 1 contract violations, 2 usage, 3 a hang
    """;

var command = args.Length > 0 ? args[0] : "";
var target = args.Length > 1 ? FuzzTargets.Find(args[1]) : null;
switch (command)
{
    case "fuzz" when target is not null && (args.Length == 2 || (args.Length == 3 && args[2] == "--in-process")):
        return AflCommand.Run(target, inProcess: args.Length == 3);
    case "run" when target is not null && args.Length > 2:
        return RunCommand.Run(target, args.Skip(2), Console.Out);
    case "replay" when ReplayOptions.Parse(args[1..], Console.Error) is { } options:
        return new ReplayRunner(options, Console.Out).Run();
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
