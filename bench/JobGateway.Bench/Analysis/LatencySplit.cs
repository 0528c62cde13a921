using JobGateway.Bench.Upstream;
using JobGateway.Bench.Watching;

namespace JobGateway.Bench.Analysis;

/// <summary>Matches what a client received with the simulator's timeline of the job (same clock).</summary>
internal static class LatencySplit
{
    /// <summary>
    /// The changes among <paramref name="receipts"/>, each matched with the latest timeline entry of the
    /// same status that had been served by then. The first receipt (the job as it stood when the client
    /// started) and the initial status are not changes. Receipts that match nothing are counted in
    /// <paramref name="unmatched"/>.
    /// </summary>
    public static List<Delivery> Deliveries(IReadOnlyList<TimelineEntry> timeline, IReadOnlyList<Receipt> receipts, ref int unmatched)
    {
        var deliveries = new List<Delivery>(receipts.Count);
        for (var r = 1; r < receipts.Count; r++)
        {
            var receipt = receipts[r];
            var match = -1;
            for (var e = timeline.Count - 1; e >= 1; e--)
            {
                if (timeline[e].Status == receipt.Status && timeline[e].FirstServedAt is { } served && served <= receipt.ReceivedAt)
                {
                    match = e;
                    break;
                }
            }

            if (match < 0)
            {
                unmatched++;
                continue;
            }

            var entry = timeline[match];
            var firstServed = entry.FirstServedAt!.Value;
            deliveries.Add(new Delivery(
                match,
                (receipt.ReceivedAt - entry.SetAt).TotalMilliseconds,
                (firstServed - entry.SetAt).TotalMilliseconds,
                (receipt.ReceivedAt - firstServed).TotalMilliseconds));
        }

        return deliveries;
    }
}
