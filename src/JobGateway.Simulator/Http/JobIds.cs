namespace JobGateway.Simulator.Http;

internal static class JobIds
{
    /// <summary>Only the canonical 8-4-4-4-12 form, as Krea's job ids.</summary>
    public static bool TryParse(string? value, out Guid id) => Guid.TryParseExact(value, "D", out id);

    public static string Malformed(string? value) =>
        $"Job id '{value}' is not a UUID; expected the job_id returned when the job was created";
}
