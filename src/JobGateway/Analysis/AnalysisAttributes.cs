namespace JobGateway.Analysis;

// Markers read by the JobGateway.Analyzers rules (docs/analyzers). They carry no behaviour.

/// <summary>Marks the one table that maps upstream status strings to <c>JobState</c> (JGW0002).</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
internal sealed class JobStatusTableAttribute : Attribute;

/// <summary>Marks the one place allowed to decide whether a state is terminal (JGW0003).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
internal sealed class TerminalStateAuthorityAttribute : Attribute;

/// <summary>Marks the shared poller, the only code allowed to read job status upstream (JGW0005).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class UpstreamPollerAttribute : Attribute;

/// <summary>Marks the upstream job-status read that only the shared poller may call (JGW0005).</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class UpstreamJobStatusReadAttribute : Attribute;
