using JobGateway.Simulator.Counting;

namespace JobGateway.Simulator.Http;

/// <summary>Marks an endpoint as a Krea route: counted, faultable and authenticated by <see cref="KreaGateMiddleware"/>.</summary>
internal sealed record KreaRouteMetadata(KreaRoute Route)
{
    public bool HasJobId => Route is KreaRoute.GetJob or KreaRoute.CancelJob;
}
