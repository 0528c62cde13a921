using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>Violations grouped by signature, each with the first input that showed it.</summary>
internal sealed class FindingSet
{
    private readonly Dictionary<string, Finding> bySignature = new(StringComparer.Ordinal);
    private readonly List<Finding> inOrder = [];

    public IReadOnlyList<Finding> Findings => inOrder;

    public void Record(IFuzzTarget target, byte[] input, ContractViolationException violation) =>
        Add(new Finding(target, input, violation));

    /// <summary>Adds another set's findings after this one's, so merging per-file sets in file order is deterministic.</summary>
    public void Merge(FindingSet other)
    {
        foreach (var finding in other.inOrder)
        {
            Add(finding);
        }
    }

    private void Add(Finding finding)
    {
        if (bySignature.TryGetValue(finding.Violation.Signature, out var known))
        {
            known.Count += finding.Count;
            return;
        }

        bySignature.Add(finding.Violation.Signature, finding);
        inOrder.Add(finding);
    }
}
