using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>An incident's vectors from its analyser: classes grouped by reported name, ranked, background left out.</summary>
internal static class VectorRanking
{
    /// <summary>Vectors under this share of an incident's packets are background, not a vector of their own.</summary>
    public const double MinVectorShare = 0.02;

    /// <summary>
    /// Under this share, a vector whose average rate is also under <see cref="BackgroundRateFraction"/> of the group's
    /// lowest packet limit is the target's normal traffic carrying on during the attack, not part of it.
    /// </summary>
    public const double BackgroundShare = 0.10;

    public const double BackgroundRateFraction = 0.25;

    public static List<VectorReport> Build(
        IncidentTracker tracker, long packets, long bytes, double seconds, double backgroundPps, bool[] attack, List<string> notes)
    {
        var classified = tracker.ClassifiedPackets();
        long classifiedBytes = 0;
        foreach (var v in tracker.Vectors)
        {
            classifiedBytes += v?.Bytes ?? 0;
        }

        if (classified == 0)
        {
            return [];
        }

        var waterTorture = false;
        if (tracker.Dns is { } dns && tracker.Vectors[(int)VectorKind.DnsWaterTorture] is { Packets: > 0 })
        {
            waterTorture = dns.IsWaterTorture(out var zone);
            if (waterTorture)
            {
                notes.Add(ReportBuilder.Invariant($"dns_water_torture: about {dns.DistinctNames} distinct names in {dns.Parsed} queries under {zone}"));
            }
        }

        // Group classes by reported name (plain DNS queries are a UDP flood), biggest first.
        var byName = new Dictionary<string, List<VectorKind>>(StringComparer.Ordinal);
        for (var k = 0; k < VectorNames.Count; k++)
        {
            if (tracker.Vectors[k] is not { Packets: > 0 })
            {
                continue;
            }

            var kind = (VectorKind)k;
            var name = kind == VectorKind.DnsWaterTorture && !waterTorture ? VectorNames.UdpFlood : VectorNames.Name(kind);
            if (!byName.TryGetValue(name, out var kinds))
            {
                byName[name] = kinds = [];
            }

            kinds.Add(kind);
        }

        var ranked = byName
            .Select(kv => (Name: kv.Key, Kinds: kv.Value, Packets: kv.Value.Sum(k => tracker.Vectors[(int)k]!.Packets)))
            .OrderByDescending(x => x.Packets)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        var result = new List<VectorReport>();
        foreach (var (name, kinds, vectorPackets) in ranked)
        {
            var share = (double)vectorPackets / classified;
            var background = share < MinVectorShare || (share < BackgroundShare && share * packets / seconds < backgroundPps);
            if (background && result.Count > 0)
            {
                continue;
            }

            var main = tracker.Vectors[(int)kinds.OrderByDescending(k => tracker.Vectors[(int)k]!.Packets).First()]!;
            if (kinds[0] == VectorKind.GreFlood)
            {
                notes.Add(ReportBuilder.Invariant($"gre_flood carries {main.DominantProtocol()} inside GRE; its ports are the inner ports"));
            }

            var vectorBytes = kinds.Sum(k => tracker.Vectors[(int)k]!.Bytes);
            foreach (var k in kinds)
            {
                attack[(int)k] = true;
            }

            result.Add(new VectorReport
            {
                Name = name,
                Share = Math.Round(share, 4),
                Packets = (long)Math.Round(share * packets),
                Bytes = classifiedBytes > 0 ? (long)Math.Round((double)vectorBytes / classifiedBytes * bytes) : 0,
                Protocol = VectorProtocol(kinds[0], main),
                TopSrcPorts = main.SourcePorts.Top(5, main.Packets),
                TopDstPorts = main.DestinationPorts.Top(5, main.Packets),
            });
        }

        return result;
    }

    private static string VectorProtocol(VectorKind kind, VectorStats stats) => kind switch
    {
        <= VectorKind.TcpReflection => "tcp",
        <= VectorKind.RpcPortmapAmplification => "udp",
        VectorKind.GreFlood => "gre",
        VectorKind.IcmpFlood => "icmp",
        VectorKind.IpFragmentFlood => stats.DominantProtocol(),
        VectorKind.HttpFlood => "tcp",
        _ => "ip",
    };
}
