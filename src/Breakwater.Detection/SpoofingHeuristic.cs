using System.Globalization;

namespace Breakwater.Detection;

/// <summary>
/// First heuristic for "the sources are probably forged". Any one of these is taken as evidence:
/// <list type="bullet">
/// <item>at least 1,000 unique sources and at least one unique source per two records (random source addresses
/// repeat rarely, real bots and reflectors send many packets each);</item>
/// <item>IPv4 sources in at least 200 of the 256 /8s and more than 0.5 % of packets from bogon /8s
/// (0/8, 10/8, 127/8, 224/8 and above), which no real host can send from across the internet;</item>
/// <item>at least 100 distinct TTL values: real sources sit at a few hop distances, generators randomise the TTL.</item>
/// </list>
/// Reflection attacks come from real reflectors and normally match none of these.
/// </summary>
internal static class SpoofingHeuristic
{
    public static bool IsLikely(IncidentTracker tracker, long uniqueSources, List<string> evidence)
    {
        var likely = false;
        if (uniqueSources >= 1000 && uniqueSources * 2 >= tracker.Records)
        {
            likely = true;
            evidence.Add(Invariant($"spoofing likely: {uniqueSources} unique sources for {tracker.Records} records"));
        }

        var bogonShare = tracker.V4Packets > 0 ? (double)tracker.BogonPackets / tracker.V4Packets : 0;
        if (tracker.DistinctSlash8 >= 200 && bogonShare > 0.005)
        {
            likely = true;
            evidence.Add(Invariant($"spoofing likely: sources in {tracker.DistinctSlash8} of 256 /8s, {bogonShare:P1} from bogon space"));
        }

        if (tracker.DistinctTtls >= 100)
        {
            likely = true;
            evidence.Add(Invariant($"spoofing likely: {tracker.DistinctTtls} distinct TTL values"));
        }

        return likely;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
