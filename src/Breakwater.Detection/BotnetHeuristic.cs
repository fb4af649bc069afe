using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>
/// First Mirai-family heuristic: the default packet shapes of Mirai's attack modules (attack_tcp.c,
/// attack_udp.c, attack_gre.c) in the incident's dominant vectors. Reported with evidence and a confidence
/// that grows with the number of matching shapes and never reaches 1.
/// </summary>
internal static class BotnetHeuristic
{
    /// <summary>A shape counts when at least this share of its vector's packets has it.</summary>
    private const double ShapeShare = 0.5;

    /// <summary>A vector counts when it carries at least this share of the incident.</summary>
    private const double VectorShare = 0.1;

    public static BotnetReport? Assess(IncidentTracker tracker)
    {
        var total = tracker.ClassifiedPackets();
        if (total == 0)
        {
            return null;
        }

        var evidence = new List<string>();
        var weight = 0.0;
        Check(VectorKind.SynFlood, 0.3, "SYN flood with a 20-byte TCP option block (MSS, SACK, timestamp, window scale): Mirai syn");
        Check(VectorKind.AckFlood, 0.3, "ACK flood with 512 random payload bytes and no PSH: Mirai ack");
        Check(VectorKind.UdpFlood, 0.2, "UDP flood with 512-byte payloads: Mirai udpplain default size");
        Check(VectorKind.TcpDataFlood, 0.3, "PSH+ACK data flood with 768-byte payloads: Mirai stomp");
        Check(VectorKind.GreFlood, 0.4, "GRE carrying IPv4/UDP with 512-byte inner payloads: Mirai greip/greeth");
        Check(VectorKind.VseFlood, 0.4, "Valve Source Engine query flood (TSource Engine Query): Mirai vse");
        var syn = tracker.Vectors[(int)VectorKind.SynFlood];
        if (weight > 0 && syn is { Packets: > 0 } && tracker.SynWindowZero * 2 >= syn.Packets)
        {
            evidence.Add("SYN packets with TCP window 0");
            weight += 0.1;
        }

        if (evidence.Count == 0)
        {
            return null;
        }

        return new BotnetReport
        {
            Family = "mirai",
            Confidence = Math.Round(Math.Min(0.9, 0.3 + weight), 2),
            Evidence = evidence,
        };

        void Check(VectorKind kind, double strength, string text)
        {
            var v = tracker.Vectors[(int)kind];
            if (v is null || v.Packets < total * VectorShare)
            {
                return;
            }

            var shaped = tracker.MiraiShape(kind);
            if (shaped >= v.Packets * ShapeShare)
            {
                evidence.Add(string.Create(CultureInfo.InvariantCulture, $"{text} ({(double)shaped / v.Packets:P0} of {VectorNames.Name(kind)})"));
                weight += strength;
            }
        }
    }
}
