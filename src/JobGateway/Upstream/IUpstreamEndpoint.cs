namespace JobGateway.Upstream;

/// <summary>Where upstream requests go; the simulated upstream only knows its address once started.</summary>
internal interface IUpstreamEndpoint
{
    Uri BaseAddress { get; }
}
