using System.Buffers.Binary;

namespace Breakwater.Wire.Flows;

/// <summary>Writes NetFlow v5 datagrams (layout in <see cref="NetFlowV5Decoder"/>). IPv4 only, as the format is.</summary>
public static class NetFlowV5Encoder
{
    public const int MaxDatagramLength = NetFlowV5Decoder.HeaderLength + (NetFlowV5Decoder.MaxRecords * NetFlowV5Decoder.RecordLength);

    /// <summary>
    /// Writes a header and up to 30 IPv4 records from <paramref name="records"/>; returns the bytes written and how
    /// many records were used. <paramref name="bootMs"/> is the exporter's boot time (uptime 0), Unix ms.
    /// </summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<FlowExportRecord> records, long exportMs, long bootMs, uint sequence,
        ushort samplingInterval, out int used)
    {
        used = 0;
        var offset = NetFlowV5Decoder.HeaderLength;
        foreach (ref readonly var r in records)
        {
            if (used == NetFlowV5Decoder.MaxRecords || destination.Length - offset < NetFlowV5Decoder.RecordLength || !r.Source.IsIPv4 || !r.Destination.IsIPv4)
            {
                break;
            }

            var d = destination.Slice(offset, NetFlowV5Decoder.RecordLength);
            d.Clear();
            BinaryPrimitives.WriteUInt32BigEndian(d, r.Source.V4);
            BinaryPrimitives.WriteUInt32BigEndian(d[4..], r.Destination.V4);
            BinaryPrimitives.WriteUInt32BigEndian(d[16..], (uint)Math.Min(r.Packets, uint.MaxValue));
            BinaryPrimitives.WriteUInt32BigEndian(d[20..], (uint)Math.Min(r.Bytes, uint.MaxValue));
            BinaryPrimitives.WriteUInt32BigEndian(d[24..], (uint)(r.FirstMs - bootMs));
            BinaryPrimitives.WriteUInt32BigEndian(d[28..], (uint)(r.LastMs - bootMs));
            BinaryPrimitives.WriteUInt16BigEndian(d[32..], r.SourcePort);
            BinaryPrimitives.WriteUInt16BigEndian(d[34..], r.DestinationPort);
            d[37] = (byte)r.TcpFlags;
            d[38] = r.Protocol;
            offset += NetFlowV5Decoder.RecordLength;
            used++;
        }

        var h = destination[..NetFlowV5Decoder.HeaderLength];
        BinaryPrimitives.WriteUInt16BigEndian(h, 5);
        BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)used);
        BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)(exportMs - bootMs));
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], (uint)(exportMs / 1000));
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], (uint)(exportMs % 1000 * 1_000_000));
        BinaryPrimitives.WriteUInt32BigEndian(h[16..], sequence);
        h[20] = 0;
        h[21] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(h[22..], samplingInterval <= 1 ? (ushort)0 : (ushort)((1 << 14) | (samplingInterval & 0x3FFF)));
        return offset;
    }
}
