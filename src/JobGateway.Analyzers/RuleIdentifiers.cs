namespace JobGateway.Analyzers;

/// <summary>The catalog of rule IDs; each ID has a doc page under docs/analyzers/.</summary>
internal static class RuleIdentifiers
{
    public const string ExhaustiveJobStateSwitch = "JGW0001";
    public const string JobStatusTableIsTotal = "JGW0002";
    public const string TerminalStateInOnePlace = "JGW0003";
    public const string GrpcHandlerCancellation = "JGW0004";
    public const string UpstreamReadOnlyFromPoller = "JGW0005";

    public const string Category = "JobGateway.Contract";

    private const string HelpLinkBase = "https://github.com/jobgateway/jobgateway/blob/main/docs/analyzers/";

    public static string GetHelpUri(string id) => HelpLinkBase + id + ".md";
}
