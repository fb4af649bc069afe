using System.Buffers.Binary;

namespace Breakwater.Wire.Flows;

/// <summary>
/// NetFlow version 5 (Cisco): a fixed 24-byte header and up to 30 fixed 48-byte IPv4 flow records.
/// <code>
/// header:  0 version(2)=5  2 count(2)  4 sys_uptime ms(4)  8 unix_secs(4)  12 unix_nsecs(4)
///         16 flow_sequence(4)  20 engine_type(1)  21 engine_id(1)  22 sampling mode(2 bits)|interval(14 bits)
/// record:  0 srcaddr  4 dstaddr  8 nexthop  12 input(2)  14 output(2)  16 dPkts(4)  20 dOctets(4)
///         24 First(4)  28 Last(4)  32 srcport(2)  34 dstport(2)  36 pad  37 tcp_flags  38 prot  39 tos
///         40 src_as(2)  42 dst_as(2)  44 src_mask  45 dst_mask  46 pad(2)
/// </code>
/// </summary>
public static class NetFlowV5Decoder
{
    public const int HeaderLength = 24;
    public const int RecordLength = 48;
    public const int MaxRecords = 30;

    // A Last in the future or older than an hour means a reset or skewed exporter clock: trust the export time.
    private const int MaxFlowAgeMs = 3_600_000;

    public static FlowDecodeResult Decode<TSink>(ReadOnlySpan<byte> datagram, ref TSink sink)
        where TSink : struct, ITrafficSink
    {
        if (datagram.Length < HeaderLength)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.DatagramTooShort);
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(datagram) != 5)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.UnsupportedVersion);
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        var uptimeMs = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]);
        var exportNanos = (long)BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]) * 1_000_000_000L + BinaryPrimitives.ReadUInt32BigEndian(datagram[12..]);
        var samplingInterval = (uint)(BinaryPrimitives.ReadUInt16BigEndian(datagram[22..]) & 0x3FFF);
        var available = (datagram.Length - HeaderLength) / RecordLength;
        var drop = count > MaxRecords || count > available ? FlowDropReason.CountMismatch : FlowDropReason.None;
        count = Math.Min(Math.Min(count, available), MaxRecords);

        var record = default(TrafficRecord);
        for (var i = 0; i < count; i++)
        {
            var r = datagram.Slice(HeaderLength + (i * RecordLength), RecordLength);
            record = default;
            record.Source = NetAddress.FromV4(r);
            record.Destination = NetAddress.FromV4(r[4..]);
            record.Packets = BinaryPrimitives.ReadUInt32BigEndian(r[16..]);
            record.Bytes = BinaryPrimitives.ReadUInt32BigEndian(r[20..]);

            // Last is router uptime in ms at the flow's last packet: place it in wall-clock time.
            var ageMs = unchecked((int)(uptimeMs - BinaryPrimitives.ReadUInt32BigEndian(r[28..])));
            record.TimestampNanos = exportNanos - (Math.Abs(ageMs) <= MaxFlowAgeMs ? ageMs * 1_000_000L : 0);
            record.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(r[32..]);
            record.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(r[34..]);
            record.TcpFlags = (TcpFlags)r[37];
            record.Protocol = r[38];
            record.SamplingRate = samplingInterval == 0 ? 1 : samplingInterval;
            record.Flags = RecordFlags.FromFlow;
            record.SourceAs = BinaryPrimitives.ReadUInt16BigEndian(r[40..]);
            record.DestinationAs = BinaryPrimitives.ReadUInt16BigEndian(r[42..]);
            if (record.Protocol is 1)
            {
                // NetFlow v5 exporters put ICMP type and code in the destination port.
                record.IcmpType = (byte)(record.DestinationPort >> 8);
                record.IcmpCode = (byte)record.DestinationPort;
                record.DestinationPort = 0;
            }

            sink.OnRecord(ref record, []);
        }

        return new FlowDecodeResult(count, drop);
    }
}
