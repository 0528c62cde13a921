namespace JobGateway.Fuzz.Targets;

/// <summary>The targets by command-line name.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } = [new MapperTarget(), new JobIdTarget()];

    public static IFuzzTarget? Find(string name) =>
        All.FirstOrDefault(target => string.Equals(target.Name, name, StringComparison.OrdinalIgnoreCase));
}
