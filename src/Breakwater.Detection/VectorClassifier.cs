using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>Sorts one record into a <see cref="VectorKind"/> from its header fields and payload prefix.</summary>
internal static class VectorClassifier
{
    private const TcpFlags CoreFlags = TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Psh | TcpFlags.Urg;

    /// <summary>Valve Source Engine query (A2S_INFO) as sent by Mirai's VSE attack: 0xFFFFFFFF 'T' "Source Engine Query".</summary>
    private static readonly byte[] VsePrefix = [0xFF, 0xFF, 0xFF, 0xFF, .. "TSource Engine Query"u8];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorKind Classify(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        if ((record.Flags & RecordFlags.LaterFragment) != 0)
        {
            return VectorKind.IpFragmentFlood;
        }

        return record.Protocol switch
        {
            6 => ClassifyTcp(record.TcpFlags, record.PayloadLength),
            17 => ClassifyUdp(record.SourcePort, record.DestinationPort, payload),
            1 or 58 => VectorKind.IcmpFlood,
            47 => VectorKind.GreFlood,
            _ => VectorKind.IpFlood,
        };
    }

    public static VectorKind ClassifyTcp(TcpFlags flags, int payloadLength)
    {
        var f = flags & CoreFlags;
        var syn = (f & TcpFlags.Syn) != 0;
        var fin = (f & TcpFlags.Fin) != 0;
        var rst = (f & TcpFlags.Rst) != 0;
        var ack = (f & TcpFlags.Ack) != 0;
        if (syn)
        {
            if (fin || rst)
            {
                return VectorKind.TcpFlagAbuse;
            }

            return ack ? VectorKind.TcpReflection : VectorKind.SynFlood;
        }

        if (f == TcpFlags.None || f == (TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Urg) || (fin && rst))
        {
            return VectorKind.TcpFlagAbuse;
        }

        if (rst)
        {
            return VectorKind.RstFlood;
        }

        if (fin)
        {
            return VectorKind.FinFlood;
        }

        if (ack)
        {
            // Mirai's ACK flood sends random payload without PSH: still an ACK flood, not established data.
            return (f & TcpFlags.Psh) != 0 && payloadLength > 0 ? VectorKind.TcpDataFlood : VectorKind.AckFlood;
        }

        return VectorKind.TcpFlagAbuse;
    }

    public static VectorKind ClassifyUdp(ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        switch (sourcePort)
        {
            case 53:
                return VectorKind.DnsAmplification;
            case 123:
                return VectorKind.NtpAmplification;
            case 11211:
                return VectorKind.MemcachedAmplification;
            case 1900:
                return VectorKind.SsdpAmplification;
            case 389:
                return VectorKind.CldapAmplification;
            case 161:
                return VectorKind.SnmpAmplification;
            case 19:
                return VectorKind.ChargenAmplification;
            case 3702:
                return VectorKind.WsdAmplification;
            case 111:
                return VectorKind.RpcPortmapAmplification;
        }

        if (destinationPort == 27015 && IsVseQuery(payload))
        {
            return VectorKind.VseFlood;
        }

        return destinationPort == 53 ? VectorKind.DnsWaterTorture : VectorKind.UdpFlood;
    }

    /// <summary>Matches as much of the VSE query as was captured (at least the 0xFFFFFFFF 'T' header).</summary>
    public static bool IsVseQuery(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 5)
        {
            return false;
        }

        var n = Math.Min(payload.Length, VsePrefix.Length);
        return payload[..n].SequenceEqual(VsePrefix.AsSpan(0, n));
    }
}
