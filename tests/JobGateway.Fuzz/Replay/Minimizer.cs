using JobGateway.Fuzz.Targets;

namespace JobGateway.Fuzz.Replay;

/// <summary>
/// Shrinks a finding while the same violation still reproduces, so it reads at a glance: first whole JSON
/// properties and elements (and nesting, by putting a value in its container's place), then ever smaller
/// byte chunks, then JSON again.
/// </summary>
internal static class Minimizer
{
    public static byte[] Minimize(IFuzzTarget target, byte[] input, string signature, int attempts = 4000)
    {
        var budget = new Budget(target, signature, attempts);
        var current = DropJsonParts(input, budget);
        current = DropChunks(current, budget);
        return DropJsonParts(current, budget);
    }

    private static byte[] DropJsonParts(byte[] input, Budget budget)
    {
        var current = input;
        for (var changed = true; changed;)
        {
            changed = false;
            var layout = JsonLayout.Scan(current);
            var ranges = layout.Properties.Select(property => (property.Start, property.End))
                .Concat(layout.Values.Select(value => (value.Start, value.End)))
                .OrderByDescending(range => range.End - range.Start);
            var hoists = layout.Values.SelectMany(outer => layout.Values
                    .Where(inner => inner.Start > outer.Start && inner.End < outer.End)
                    .Select(inner => (Outer: outer, Inner: inner)))
                .Select(pair => Bytes.Replace(current, pair.Outer.Start, pair.Outer.Length, current.AsSpan(pair.Inner.Start, pair.Inner.Length)));
            var candidates = ranges.Select(range => JsonEdits.RemoveWithComma(current, range.Start, range.End)).Concat(hoists);
            foreach (var candidate in candidates)
            {
                if (budget.Reproduces(candidate))
                {
                    current = candidate;
                    changed = true;
                    break;
                }

                if (budget.Exhausted)
                {
                    return current;
                }
            }
        }

        return current;
    }

    private static byte[] DropChunks(byte[] input, Budget budget)
    {
        var current = input;
        for (var chunk = Math.Max(1, current.Length / 2); !budget.Exhausted; chunk /= 2)
        {
            var start = 0;
            while (start + chunk <= current.Length && !budget.Exhausted)
            {
                var candidate = Bytes.Delete(current, start, chunk);
                if (budget.Reproduces(candidate))
                {
                    current = candidate;
                }
                else
                {
                    start += chunk;
                }
            }

            if (chunk == 1)
            {
                break;
            }
        }

        return current;
    }

    private sealed class Budget(IFuzzTarget target, string signature, int attempts)
    {
        private int left = attempts;

        public bool Exhausted => left <= 0;

        public bool Reproduces(byte[] candidate)
        {
            left--;
            try
            {
                ContractGuard.Run(target, candidate);
                return false;
            }
            catch (ContractViolationException ex)
            {
                return ex.Signature == signature;
            }
        }
    }
}
