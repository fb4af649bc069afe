using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Outgoing attacks: a protected host that sends a flood (an infected camera or router inside the network). When a group
/// sets <c>outgoing_thresholds</c>, a second engine of the same machinery keys its targets by the protected sender: it is
/// given each record that leaves the protected networks turned round (sender as the target, destinations as its
/// "sources", which its reports list as <c>victims</c>), and the answers coming back, so that two-way traffic of a busy
/// server is not taken for a flood (docs/detection.md, "Outgoing attacks").
/// </summary>
public sealed partial class DetectionEngine
{
    private readonly DetectionEngine? _outgoing;

    private static DetectionEngine? CreateOutgoing(DetectionSettings settings, IIncidentObserver? observer)
    {
        if (settings.Networks.Count == 0 || !settings.Groups.Values.Any(g => g.OutgoingThresholds is not null))
        {
            return null;
        }

        // Groups without outgoing thresholds never fire; prefixes of senders are not judged (a farm of busy servers is no attack).
        static HostGroup Outgoing(HostGroup group) => group with
        {
            Thresholds = (group.OutgoingThresholds ?? new Thresholds()) with { PrefixPps = double.PositiveInfinity, PrefixMbps = double.PositiveInfinity },
            OutgoingThresholds = null,
        };

        var outgoing = settings with
        {
            Groups = settings.Groups.ToDictionary(g => g.Key, g => Outgoing(g.Value)),
            DefaultGroup = Outgoing(settings.DefaultGroup),
            Baseline = new BaselineSettings(),
        };
        return new DetectionEngine(outgoing, observer, baseline: null, outgoing: true);
    }

    /// <summary>A record leaving the protected networks goes to the outgoing engine turned round; an answer coming in is counted there.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RouteOutgoing(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        var fromInside = _protected.MayMatch(record.Source) && _protected.Match(record.Source) >= 0;
        var toInside = _protected.MayMatch(record.Destination) && _protected.Match(record.Destination) >= 0;
        if (fromInside && !toInside)
        {
            var turned = record;
            turned.Source = record.Destination;
            turned.Destination = record.Source;
            _outgoing!.Add(ref turned, payload);
        }
        else if (toInside && !fromInside && IsAnswer(ref record))
        {
            var rate = record.SamplingRate == 0 ? 1UL : record.SamplingRate;
            _outgoing!.CountAnswer(record.Destination, (long)(record.Packets * rate), record.TimestampNanos / DetectionClock.NanosPerSecond);
        }
    }

    /// <summary>Traffic back to a sender that shows a conversation: not a refusal (RST, SYN-ACK to a SYN flood) nor an ICMP error.</summary>
    private static bool IsAnswer(ref TrafficRecord record) => record.Protocol switch
    {
        6 => (record.TcpFlags & TcpFlags.Rst) == 0 && (record.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack)) != (TcpFlags.Syn | TcpFlags.Ack),
        1 => record.IcmpType is not (3 or 4 or 5 or 11 or 12),
        58 => record.IcmpType >= 128,
        _ => true,
    };

    /// <summary>Outgoing engine: answers received by a tracked sender in <paramref name="second"/>.</summary>
    private void CountAnswer(NetAddress sender, long packets, long second)
    {
        var id = _table.Find(sender, sender.Hash(_seed));
        if (id < 0)
        {
            return;
        }

        ref var slot = ref _slots[id];
        if (slot.ReturnSecond != second)
        {
            slot.ReturnSecond = second;
            slot.ReturnPackets = 0;
        }

        slot.ReturnPackets += packets;
    }
}
