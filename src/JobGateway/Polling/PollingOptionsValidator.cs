using Microsoft.Extensions.Options;

namespace JobGateway.Polling;

internal sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        var errors = new List<string>();
        OptionChecks.Positive(errors, "Polling:Interval", options.Interval);
        OptionChecks.Positive(errors, "Polling:LeaseTtl", options.LeaseTtl);
        OptionChecks.NotNegative(errors, "Polling:Linger", options.Linger);
        OptionChecks.NotNegative(errors, "Polling:TerminalRetention", options.TerminalRetention);
        OptionChecks.Positive(errors, "Polling:WatchLimit", options.WatchLimit);
        if (options.MaxInterval < options.Interval)
        {
            errors.Add($"Polling:MaxInterval ({options.MaxInterval}) must not be shorter than Polling:Interval ({options.Interval}).");
        }

        if (options.BackoffFactor is < 1 or > 10 || double.IsNaN(options.BackoffFactor))
        {
            errors.Add($"Polling:BackoffFactor must be between 1 and 10 (got {options.BackoffFactor}).");
        }

        if (options.LeaseTtl > TimeSpan.Zero && options.LeaseTtl < TimeSpan.FromMilliseconds(300))
        {
            errors.Add($"Polling:LeaseTtl must be at least 300 ms (got {options.LeaseTtl}).");
        }

        if (options.MaxWatchesPerCaller < 1)
        {
            errors.Add($"Polling:MaxWatchesPerCaller must be at least 1 (got {options.MaxWatchesPerCaller}).");
        }

        if (options.MaxWatches < 1)
        {
            errors.Add($"Polling:MaxWatches must be at least 1 (got {options.MaxWatches}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
