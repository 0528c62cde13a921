namespace JobGateway.Simulator;

/// <summary>The Krea routes the simulator serves, spelled as the keys of <see cref="CounterSnapshot.Routes"/>.</summary>
public static class KreaRoutes
{
    /// <summary>Creates a job.</summary>
    public const string Generate = "POST /generate/image/{vendor}/{model}";

    /// <summary>Reads a job.</summary>
    public const string GetJob = "GET /jobs/{id}";

    /// <summary>Cancels a job.</summary>
    public const string CancelJob = "DELETE /jobs/{id}";

    /// <summary>Lists a workspace's jobs.</summary>
    public const string ListJobs = "GET /jobs";
}
