using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Counters, port heavy hitters and a feature reservoir for one vector class of one incident.</summary>
internal sealed class VectorStats
{
    public const int ReservoirSize = 96;

    public readonly FeatureSample[] Samples = new FeatureSample[ReservoirSize];
    public readonly PortTopK SourcePorts = new();
    public readonly PortTopK DestinationPorts = new();
    public readonly long[] ProtocolPackets = new long[5];

    public long Packets;
    public long Bytes;
    public long Seen;
    public int SampleCount;

    /// <summary>Algorithm R: every record has the same chance to be in the reservoir, whatever the volume.</summary>
    public void Sample(ref TrafficRecord record, ReadOnlySpan<byte> payload, long weight, ulong random)
    {
        Seen++;
        int slot;
        if (SampleCount < ReservoirSize)
        {
            slot = SampleCount++;
        }
        else
        {
            var j = (long)(random % (ulong)Seen);
            if (j >= ReservoirSize)
            {
                return;
            }

            slot = (int)j;
        }

        ref var s = ref Samples[slot];
        s.Weight = weight;
        s.Protocol = record.Protocol;
        s.TcpFlags = (byte)record.TcpFlags;
        s.SourcePort = record.SourcePort;
        s.DestinationPort = record.DestinationPort;
        var perPacket = record.Packets == 0 ? record.Bytes : record.Bytes / record.Packets;
        s.Length = (ushort)Math.Min(perPacket, ushort.MaxValue);
        s.Ttl = record.Ttl;
        s.LaterFragment = (record.Flags & RecordFlags.LaterFragment) != 0;
        s.PayloadPrefixLength = (byte)Math.Min(payload.Length, 4);
        uint prefix = 0;
        for (var i = 0; i < s.PayloadPrefixLength; i++)
        {
            prefix = (prefix << 8) | payload[i];
        }

        s.PayloadPrefix = prefix;
    }

    public void Clear()
    {
        SourcePorts.Clear();
        DestinationPorts.Clear();
        Array.Clear(ProtocolPackets);
        Packets = 0;
        Bytes = 0;
        Seen = 0;
        SampleCount = 0;
    }

    public static int ProtocolIndex(byte protocol) => protocol switch
    {
        6 => 0,
        17 => 1,
        1 or 58 => 2,
        47 => 3,
        _ => 4,
    };

    public string DominantProtocol()
    {
        var best = 0;
        for (var i = 1; i < ProtocolPackets.Length; i++)
        {
            if (ProtocolPackets[i] > ProtocolPackets[best])
            {
                best = i;
            }
        }

        return best switch
        {
            0 => "tcp",
            1 => "udp",
            2 => "icmp",
            3 => "gre",
            _ => "ip",
        };
    }
}
