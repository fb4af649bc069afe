using System.Globalization;
using Breakwater.Core;
using Breakwater.Core.Forensics;

namespace Breakwater.Forensics.Analysis;

/// <summary>
/// Mirai-family evidence per vector from the default packet layouts of Mirai's published attack modules
/// (attack_tcp.c, attack_udp.c, attack_gre.c, attack_app.c). Reported as "consistent with", with a confidence that
/// grows with the matching vectors and never reaches 1; shapes of other tools (hping3/trafgen SYNs without options,
/// a real stack's SYNs, TTLs above Mirai's 64) count against it.
/// </summary>
internal static class BotnetAssessor
{
    private const double ShapeShare = 0.5;
    private const double VectorShare = 0.1;

    public static BotnetReport? Assess(IncidentReport incident, IncidentEvidence evidence)
    {
        var shapes = evidence.Shapes;
        var vectors = new List<BotnetVectorEvidence>();
        var against = new List<string>();
        var weight = 0.0;
        foreach (var v in incident.Vectors.Where(v => v.Share >= VectorShare))
        {
            var packets = Math.Max(1, ShapePackets(v, incident, evidence));
            string? method = null;
            var why = new List<string>();
            double share = 0;
            double strength = 0;
            switch (v.Name)
            {
                case "syn_flood":
                    share = Share(shapes, ShapeNames.MiraiSyn, packets);
                    if (share >= ShapeShare)
                    {
                        (method, strength) = ("syn", 0.3);
                        why.Add(Invariant($"{share:P0} of SYNs carry exactly 20 TCP option bytes with window 0: the layout of Mirai's attack_tcp_syn (MSS, SACK-permitted, timestamp, NOP, window scale; window never set)"));
                    }
                    else if (Share(shapes, ShapeNames.BareSyn, packets) >= ShapeShare)
                    {
                        against.Add(Invariant($"syn_flood: {Share(shapes, ShapeNames.BareSyn, packets):P0} of SYNs carry no TCP options, the shape of hping3, trafgen templates and scripts, not Mirai's 20-byte option block"));
                    }
                    else if (Share(shapes, ShapeNames.StackSyn, packets) >= ShapeShare)
                    {
                        against.Add(Invariant($"syn_flood: {Share(shapes, ShapeNames.StackSyn, packets):P0} of SYNs have 20 option bytes and a non-zero window, as a real TCP stack sends; Mirai leaves the window at 0"));
                    }

                    break;
                case "ack_flood":
                    share = Share(shapes, ShapeNames.MiraiAck, packets);
                    if (share >= ShapeShare)
                    {
                        (method, strength) = ("ack", 0.3);
                        why.Add(Invariant($"{share:P0} of ACKs carry 512 payload bytes without PSH: Mirai attack_tcp_ack's default"));
                    }

                    break;
                case "tcp_data_flood":
                    var http = Share(shapes, ShapeNames.HttpRequests, packets);
                    share = Share(shapes, ShapeNames.MiraiStomp, packets);
                    if (share >= ShapeShare)
                    {
                        method = "stomp";
                        strength = 0.2;
                        why.Add(Invariant($"{share:P0} of PSH+ACK segments carry Mirai attack_tcp_stomp's 768 bytes"));
                        var handshake = HandshakeShare(evidence);
                        if (handshake >= ShapeShare)
                        {
                            strength += 0.15;
                            why.Add(Invariant($"{handshake:P0} of sampled data sources completed a TCP handshake (SYN, then ACK) before flooding, as stomp does to learn the sequence numbers"));
                        }
                    }
                    else if (http >= ShapeShare)
                    {
                        var order = Share(shapes, ShapeNames.HttpMiraiOrder, packets);
                        var agent = Share(shapes, ShapeNames.HttpMiraiAgent, packets);
                        if (order >= ShapeShare)
                        {
                            (method, share, strength) = ("http", order, agent >= ShapeShare ? 0.4 : 0.25);
                            why.Add(Invariant($"{order:P0} of HTTP requests have Mirai attack_app_http's header order (User-Agent, Host, Connection: keep-alive, Accept, Accept-Language)"));
                            if (agent >= ShapeShare)
                            {
                                why.Add(Invariant($"{agent:P0} use one of Mirai's five hard-coded user agents (Chrome 51/52, Safari 9.1.2)"));
                            }
                        }
                    }

                    break;
                case "udp_flood":
                    share = Share(shapes, ShapeNames.Udp512, packets);
                    if (share >= ShapeShare)
                    {
                        var topPort = v.TopDstPorts.Count > 0 ? (double)v.TopDstPorts[0].Packets / Math.Max(1, v.Packets) : 0;
                        var fixedPorts = FixedSourcePortShare(evidence);
                        if (topPort >= 0.9 && fixedPorts >= ShapeShare)
                        {
                            (method, strength) = ("udpplain", 0.2);
                            why.Add(Invariant($"{share:P0} of datagrams carry 512 bytes to one destination port from one source port per source: Mirai attack_udp_plain (a connected UDP socket)"));
                        }
                        else
                        {
                            (method, strength) = ("udp", 0.2);
                            why.Add(Invariant($"{share:P0} of datagrams carry 512 bytes with ports varying per packet: Mirai attack_udp_generic"));
                        }
                    }

                    var dns = Share(shapes, ShapeNames.DnsRandom12, Math.Max(1, shapes.GetValueOrDefault(ShapeNames.DnsQueries)));
                    if (method is null && dns >= ShapeShare)
                    {
                        (method, share, strength) = ("dns", dns, 0.35);
                        why.Add(Invariant($"{dns:P0} of DNS queries start with a 12-character random label: Mirai attack_udp_dns"));
                    }

                    break;
                case "dns_water_torture":
                    share = Share(shapes, ShapeNames.DnsRandom12, Math.Max(1, shapes.GetValueOrDefault(ShapeNames.DnsQueries)));
                    if (share >= ShapeShare)
                    {
                        (method, strength) = ("dns", 0.35);
                        why.Add(Invariant($"{share:P0} of queries start with a 12-character random label under one domain: Mirai attack_udp_dns"));
                    }

                    break;
                case "vse_flood":
                    share = Share(shapes, ShapeNames.Vse, packets);
                    if (share >= ShapeShare)
                    {
                        (method, strength) = ("vse", 0.4);
                        why.Add("Valve Source Engine queries (\"TSource Engine Query\") to port 27015: Mirai attack_udp_vse");
                    }

                    break;
                case "gre_flood":
                    share = Share(shapes, ShapeNames.MiraiGre, packets);
                    if (share >= ShapeShare)
                    {
                        (method, strength) = ("greip", 0.4);
                        why.Add(Invariant($"{share:P0} of GRE packets carry IPv4/UDP with 512 payload bytes (with or without an inner Ethernet header): Mirai attack_gre_ip/attack_gre_eth"));
                    }

                    break;
            }

            if (method is not null)
            {
                weight += strength;
                vectors.Add(new BotnetVectorEvidence { Vector = v.Name, Method = method, Share = Math.Round(share, 4), Evidence = why });
            }
        }

        var ttlAbove = incident.Packets > 0 ? (double)shapes.GetValueOrDefault(ShapeNames.TtlAbove64) / Math.Max(1, evidence.Packets) : 0;
        if (ttlAbove >= ShapeShare)
        {
            against.Add(Invariant($"{ttlAbove:P0} of packets arrive with a TTL above 64; Mirai's raw packets start at 64"));
        }

        if (vectors.Count == 0)
        {
            return null;
        }

        var confidence = Math.Min(0.9, 0.3 + weight - (0.2 * against.Count));
        if (confidence < 0.3)
        {
            return null;
        }

        var evidenceText = vectors.SelectMany(v => v.Evidence.Select(e => $"{v.Vector}: consistent with Mirai {v.Method}: {e}")).ToList();
        evidenceText.AddRange(against.Select(a => "against: " + a));
        return new BotnetReport
        {
            Family = "mirai",
            Confidence = Math.Round(confidence, 2),
            Evidence = evidenceText,
            Vectors = vectors,
        };
    }

    /// <summary>Packets of a vector as the evidence counted them (the recorder sees the analysed share of the incident).</summary>
    private static long ShapePackets(VectorReport v, IncidentReport incident, IncidentEvidence evidence) =>
        incident.Packets > 0 ? (long)Math.Round(v.Share * evidence.Packets) : v.Packets;

    private static double Share(IReadOnlyDictionary<string, long> shapes, string name, long packets) =>
        Math.Min(1, (double)shapes.GetValueOrDefault(name) / packets);

    private static double HandshakeShare(IncidentEvidence evidence)
    {
        var data = evidence.Sources.Where(s => (s.Flags & SampledSourceFlags.TcpData) != 0).ToList();
        return data.Count == 0 ? 0 : (double)data.Count(s => (s.Flags & SampledSourceFlags.DataAfterHandshake) != 0) / data.Count;
    }

    private static double FixedSourcePortShare(IncidentEvidence evidence)
    {
        var udp = evidence.Sources.Where(s => (s.Flags & SampledSourceFlags.Udp) != 0 && s.Packets >= 3).ToList();
        return udp.Count == 0 ? 0 : (double)udp.Count(s => s.SourcePorts <= 2) / udp.Count;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
