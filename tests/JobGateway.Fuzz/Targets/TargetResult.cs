namespace JobGateway.Fuzz.Targets;

/// <summary>
/// One input's outcome: the verdict, the time and memory the call under test took (not the harness's own
/// checks), the rejection message or result (for <c>run</c>), and a note on anything worth a look that the
/// contract allows.
/// </summary>
internal readonly record struct TargetResult(Verdict Verdict, TimeSpan Elapsed, long AllocatedBytes, string? Detail = null, string? Note = null);
