namespace JobGateway.Cli;

/// <summary>What the CLI reads from its surroundings, so tests run hermetically whatever the machine's environment holds.</summary>
/// <param name="GetVariable">Reads an environment variable; null when unset.</param>
/// <param name="Time">The clock behind watch timestamps, deadlines and reconnect delays.</param>
internal sealed record CliEnvironment(Func<string, string?> GetVariable, TimeProvider Time)
{
    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable, TimeProvider.System);

    /// <summary>The variable's value, or null when it is unset or blank (an exported empty variable means "not set" to users).</summary>
    public string? Variable(string name) => GetVariable(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
