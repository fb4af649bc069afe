using System.Buffers.Binary;

namespace Breakwater.Wire.Flows;

/// <summary>
/// sFlow version 5 (sflow.org sflow_version_5.txt): flow samples and expanded flow samples become traffic records
/// (a raw packet header record is decoded by <see cref="PacketDecoder"/> so vectors and fingerprints work on sFlow;
/// otherwise a sampled IPv4/IPv6 record is used); counter samples are counted. All fields are 32-bit aligned XDR.
/// <code>
/// datagram: version=5 | agent address type (1 IPv4, 2 IPv6) | agent address | sub agent id | sequence | uptime ms | samples
/// sample:   data format (enterprise &lt;&lt; 12 | format) | length | data
/// flow sample (0:1):          sequence | source id | sampling rate | sample pool | drops | input | output | records
/// expanded flow sample (0:3): sequence | source id type | source id index | sampling rate | sample pool | drops |
///                             input format | input | output format | output | records
/// flow record: data format | length | data
///   raw header (0:1):   header protocol (1 Ethernet, 11 IPv4, 12 IPv6) | frame length | stripped | header length | bytes
///   sampled IPv4 (0:3): length | protocol | src | dst | src port | dst port | tcp flags | tos
///   sampled IPv6 (0:4): length | protocol | src(16) | dst(16) | src port | dst port | tcp flags | priority
/// </code>
/// </summary>
public static class SFlowV5Decoder
{
    public const int MaxSamplesPerDatagram = 1024;
    public const int MaxRecordsPerSample = 64;

    private const int FlowSample = 1;
    private const int CounterSample = 2;
    private const int ExpandedFlowSample = 3;
    private const int ExpandedCounterSample = 4;
    private const int RawHeader = 1;
    private const int SampledIPv4 = 3;
    private const int SampledIPv6 = 4;
    private const int ExtendedGateway = 1003;
    private const int GenericInterfaceCounters = 1;

    /// <summary>
    /// Decodes one datagram received at <paramref name="receiveNanos"/> (sFlow carries no per-sample time).
    /// </summary>
    public static FlowDecodeResult Decode<TSink>(ReadOnlySpan<byte> datagram, long receiveNanos, ref TSink sink, out SFlowDatagramInfo info)
        where TSink : struct, ITrafficSink
    {
        var ignored = default(IgnoreInterfaceCounters);
        return Decode(datagram, receiveNanos, ref sink, ref ignored, out info);
    }

    /// <summary>
    /// Decodes one datagram and hands every generic interface counter record to <paramref name="interfaces"/>; keeping
    /// rates between datagrams is the caller's state, not the decoder's.
    /// </summary>
    public static FlowDecodeResult Decode<TSink, TCounters>(ReadOnlySpan<byte> datagram, long receiveNanos, ref TSink sink,
        ref TCounters interfaces, out SFlowDatagramInfo info)
        where TSink : struct, ITrafficSink
        where TCounters : struct, IInterfaceCounterSink
    {
        info = default;
        if (datagram.Length < 28)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.DatagramTooShort);
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(datagram) != 5)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.UnsupportedVersion);
        }

        NetAddress agent;
        int offset;
        switch (BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]))
        {
            case 1:
                agent = NetAddress.FromV4(datagram[8..]);
                offset = 12;
                break;
            case 2 when datagram.Length >= 44:
                agent = NetAddress.FromV6(datagram[8..]);
                offset = 24;
                break;
            case 2:
                return FlowDecodeResult.Dropped(FlowDropReason.DatagramTooShort);
            default:
                return FlowDecodeResult.Dropped(FlowDropReason.AgentAddressTypeUnknown);
        }

        var sequence = BinaryPrimitives.ReadUInt32BigEndian(datagram[(offset + 4)..]);
        var declared = BinaryPrimitives.ReadUInt32BigEndian(datagram[(offset + 12)..]);
        offset += 16;
        var records = 0;
        var counters = 0;
        var samples = 0;
        var drop = declared > MaxSamplesPerDatagram ? FlowDropReason.TooManySamples : FlowDropReason.None;
        while (samples < declared && samples < MaxSamplesPerDatagram)
        {
            if (datagram.Length - offset < 8)
            {
                drop = drop == FlowDropReason.None ? FlowDropReason.CountMismatch : drop;
                break;
            }

            var format = BinaryPrimitives.ReadUInt32BigEndian(datagram[offset..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(datagram[(offset + 4)..]);
            if (length > (uint)(datagram.Length - offset - 8))
            {
                drop = drop == FlowDropReason.None ? FlowDropReason.SampleLengthInvalid : drop;
                break;
            }

            var sample = datagram.Slice(offset + 8, (int)length);
            offset += 8 + (int)length;
            samples++;
            switch (format)
            {
                case FlowSample or ExpandedFlowSample:
                    var result = DecodeFlowSample(sample, format == ExpandedFlowSample, receiveNanos, ref sink);
                    records += result.Records;
                    if (drop == FlowDropReason.None)
                    {
                        drop = result.Drop;
                    }

                    break;
                case CounterSample or ExpandedCounterSample:
                    counters++;
                    ReadCounterSample(sample, format == ExpandedCounterSample, agent, receiveNanos, ref interfaces);

                    break;
                default:
                    break; // enterprise or unknown sample formats are skipped by their length, as the spec asks.
            }
        }

        info = new SFlowDatagramInfo(agent, sequence, samples, counters);
        return new FlowDecodeResult(records, drop);
    }

    private static FlowDecodeResult DecodeFlowSample<TSink>(ReadOnlySpan<byte> sample, bool expanded, long receiveNanos, ref TSink sink)
        where TSink : struct, ITrafficSink
    {
        var headerLength = expanded ? 44 : 32;
        if (sample.Length < headerLength)
        {
            return FlowDecodeResult.Dropped(FlowDropReason.SampleLengthInvalid);
        }

        var samplingRate = BinaryPrimitives.ReadUInt32BigEndian(sample[(expanded ? 12 : 8)..]);
        var declared = BinaryPrimitives.ReadUInt32BigEndian(sample[(headerLength - 4)..]);
        var offset = headerLength;
        var record = default(TrafficRecord);
        var found = false;
        var raw = false;
        uint sourceAs = 0;
        uint destinationAs = 0;
        scoped ReadOnlySpan<byte> payload = [];
        var drop = FlowDropReason.None;
        for (var i = 0; i < declared && i < MaxRecordsPerSample; i++)
        {
            if (sample.Length - offset < 8)
            {
                drop = FlowDropReason.CountMismatch;
                break;
            }

            var format = BinaryPrimitives.ReadUInt32BigEndian(sample[offset..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(sample[(offset + 4)..]);
            if (length > (uint)(sample.Length - offset - 8))
            {
                drop = FlowDropReason.RecordLengthInvalid;
                break;
            }

            var data = sample.Slice(offset + 8, (int)length);
            offset += 8 + (int)length;

            // A raw header says the most (flags, payload for VSE/DNS, GRE inner view): it wins over sampled IP records.
            if (format == RawHeader && !raw && TryRawHeader(data, ref record, out var rawPayload))
            {
                found = raw = true;
                payload = rawPayload;
            }
            else if (!found && format is SampledIPv4 or SampledIPv6)
            {
                found = TrySampledIp(data, format == SampledIPv6, ref record);
            }
            else if (format == ExtendedGateway)
            {
                TryGateway(data, out sourceAs, out destinationAs);
            }
        }

        if (!found)
        {
            return FlowDecodeResult.Dropped(drop);
        }

        record.SourceAs = sourceAs;
        record.DestinationAs = destinationAs;

        record.TimestampNanos = receiveNanos;
        record.Packets = 1;
        record.SamplingRate = samplingRate == 0 ? 1 : samplingRate;
        record.Flags |= RecordFlags.FromFlow;
        sink.OnRecord(ref record, payload);
        return new FlowDecodeResult(1, drop);
    }

    private static bool TryRawHeader(ReadOnlySpan<byte> data, ref TrafficRecord record, out ReadOnlySpan<byte> payload)
    {
        payload = [];
        if (data.Length < 16)
        {
            return false;
        }

        var link = BinaryPrimitives.ReadUInt32BigEndian(data) switch
        {
            1 => LinkType.Ethernet,
            11 => LinkType.IPv4,
            12 => LinkType.IPv6,
            _ => (LinkType?)null,
        };
        var frameLength = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(data[12..]);
        if (link is null || headerLength > (uint)(data.Length - 16))
        {
            return false;
        }

        record = default;
        record.FrameLength = frameLength;
        return PacketDecoder.Decode(link.Value, data.Slice(16, (int)headerLength), ref record, out payload) == MalformedReason.None;
    }

    /// <summary>
    /// Counter sample (0:2): sequence | source id | records; expanded (0:4): sequence | source id type | index | records.
    /// Generic interface counters (0:1): ifIndex | ifType | ifSpeed(8) | ifDirection | ifStatus | ifInOctets(8) |
    /// in unicast | in multicast | in broadcast | in discards | in errors | in unknown protos | ifOutOctets(8) |
    /// out unicast | out multicast | out broadcast | out discards | out errors | promiscuous.
    /// </summary>
    private static void ReadCounterSample<TCounters>(ReadOnlySpan<byte> sample, bool expanded, NetAddress agent, long receiveNanos,
        ref TCounters interfaces)
        where TCounters : struct, IInterfaceCounterSink
    {
        var offset = expanded ? 16 : 12;
        if (sample.Length < offset)
        {
            return;
        }

        var declared = BinaryPrimitives.ReadUInt32BigEndian(sample[(offset - 4)..]);
        for (var i = 0; i < declared && i < MaxRecordsPerSample && sample.Length - offset >= 8; i++)
        {
            var format = BinaryPrimitives.ReadUInt32BigEndian(sample[offset..]);
            var length = BinaryPrimitives.ReadUInt32BigEndian(sample[(offset + 4)..]);
            if (length > (uint)(sample.Length - offset - 8))
            {
                return;
            }

            var data = sample.Slice(offset + 8, (int)length);
            offset += 8 + (int)length;
            if (format == GenericInterfaceCounters && data.Length >= 88)
            {
                var counters = new InterfaceCounters(
                    agent,
                    BinaryPrimitives.ReadUInt32BigEndian(data),
                    BinaryPrimitives.ReadUInt64BigEndian(data[8..]),
                    BinaryPrimitives.ReadUInt64BigEndian(data[24..]),
                    (ulong)BinaryPrimitives.ReadUInt32BigEndian(data[32..]) + BinaryPrimitives.ReadUInt32BigEndian(data[36..]) + BinaryPrimitives.ReadUInt32BigEndian(data[40..]),
                    BinaryPrimitives.ReadUInt64BigEndian(data[56..]),
                    (ulong)BinaryPrimitives.ReadUInt32BigEndian(data[64..]) + BinaryPrimitives.ReadUInt32BigEndian(data[68..]) + BinaryPrimitives.ReadUInt32BigEndian(data[72..]),
                    BinaryPrimitives.ReadUInt32BigEndian(data[44..]),
                    BinaryPrimitives.ReadUInt32BigEndian(data[48..]));
                interfaces.OnInterfaceCounters(counters, receiveNanos);
            }
        }
    }

    /// <summary>
    /// Extended gateway (0:1003): next hop (address type + address) | as | src_as | src_peer_as | dst_as_path
    /// (segment count, then per segment: type | length | AS numbers) | communities | localpref. The destination's
    /// origin AS is the last AS of the path; an empty path means the router's own AS.
    /// </summary>
    private static void TryGateway(ReadOnlySpan<byte> data, out uint sourceAs, out uint destinationAs)
    {
        sourceAs = destinationAs = 0;
        if (data.Length < 4)
        {
            return;
        }

        var offset = BinaryPrimitives.ReadUInt32BigEndian(data) == 2 ? 20 : 8;
        if (data.Length < offset + 16)
        {
            return;
        }

        var routerAs = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        sourceAs = BinaryPrimitives.ReadUInt32BigEndian(data[(offset + 4)..]);
        destinationAs = routerAs;
        var segments = BinaryPrimitives.ReadUInt32BigEndian(data[(offset + 12)..]);
        offset += 16;
        for (var i = 0; i < segments && i < 16 && data.Length - offset >= 8; i++)
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(data[(offset + 4)..]);
            offset += 8;
            if (count > (uint)((data.Length - offset) / 4))
            {
                return;
            }

            if (count > 0)
            {
                destinationAs = BinaryPrimitives.ReadUInt32BigEndian(data[(offset + ((int)count - 1) * 4)..]);
            }

            offset += (int)count * 4;
        }
    }

    private static bool TrySampledIp(ReadOnlySpan<byte> data, bool v6, ref TrafficRecord record)
    {
        if (data.Length < (v6 ? 56 : 32))
        {
            return false;
        }

        record = default;
        record.Bytes = BinaryPrimitives.ReadUInt32BigEndian(data);
        record.Protocol = (byte)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        var ports = v6 ? 40 : 16;
        record.Source = v6 ? NetAddress.FromV6(data[8..]) : NetAddress.FromV4(data[8..]);
        record.Destination = v6 ? NetAddress.FromV6(data[24..]) : NetAddress.FromV4(data[12..]);
        record.SourcePort = (ushort)BinaryPrimitives.ReadUInt32BigEndian(data[ports..]);
        record.DestinationPort = (ushort)BinaryPrimitives.ReadUInt32BigEndian(data[(ports + 4)..]);
        record.TcpFlags = (TcpFlags)BinaryPrimitives.ReadUInt32BigEndian(data[(ports + 8)..]);
        record.Flags = v6 ? RecordFlags.IPv6 : RecordFlags.None;
        return true;
    }
}
