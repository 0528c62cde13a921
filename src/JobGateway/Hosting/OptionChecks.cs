namespace JobGateway;

internal static class OptionChecks
{
    public static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be a positive duration such as 00:00:02 (got {value}).");
        }
    }

    public static void NotNegative(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{key} must not be negative (got {value}).");
        }
    }
}
