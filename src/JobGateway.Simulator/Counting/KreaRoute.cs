namespace JobGateway.Simulator.Counting;

internal enum KreaRoute
{
    Generate,
    GetJob,
    CancelJob,
    ListJobs,
}
