using System.Buffers.Binary;

namespace Breakwater.Wire.Flows;

/// <summary>
/// Writes NetFlow v9 or IPFIX messages with fixed templates: 256 for IPv4 flows, 257 for IPv6 flows, and an options
/// template 258 announcing the sampling rate. Templates are included when asked (exporters resend them periodically).
/// </summary>
public sealed class TemplateFlowEncoder(bool ipfix, uint domain)
{
    public const ushort IPv4Template = 256;
    public const ushort IPv6Template = 257;
    public const ushort SamplingOptionsTemplate = 258;

    private uint _dataRecordsSent;

    public bool IsIpfix { get; } = ipfix;

    public uint Domain { get; } = domain;

    private int HeaderLength => IsIpfix ? FlowMessageHeader.IpfixLength : FlowMessageHeader.NetFlowV9Length;

    private int TimeFieldLength => IsIpfix ? 8 : 4;

    /// <summary>Bytes of one data record of the given family.</summary>
    public int RecordLength(bool v6) => (v6 ? 32 : 8) + 2 + 2 + 1 + 1 + 8 + 8 + (2 * TimeFieldLength);

    public int Write(Span<byte> destination, ReadOnlySpan<FlowExportRecord> records, long exportMs, long bootMs, uint packetSequence,
        uint samplingRate, bool includeTemplates, out int used)
    {
        used = 0;
        var offset = HeaderLength;
        var count = 0;
        if (includeTemplates)
        {
            offset += WriteTemplates(destination[offset..]);
            count += 2;
            if (samplingRate > 1)
            {
                offset += WriteSamplingOptions(destination[offset..], samplingRate);
                count += 2;
            }
        }

        var setStart = -1;
        var setV6 = false;
        foreach (ref readonly var r in records)
        {
            var v6 = !r.Source.IsIPv4 || !r.Destination.IsIPv4;
            var needsSet = setStart < 0 || v6 != setV6;
            var needed = RecordLength(v6) + (needsSet ? 4 + 3 : 3);
            if (destination.Length - offset < needed)
            {
                break;
            }

            if (needsSet)
            {
                if (setStart >= 0)
                {
                    offset = CloseSet(destination, setStart, offset);
                }

                setStart = offset;
                setV6 = v6;
                BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], v6 ? IPv6Template : IPv4Template);
                offset += 4;
            }

            offset += WriteRecord(destination[offset..], r, v6, bootMs);
            used++;
            count++;
        }

        if (setStart >= 0)
        {
            offset = CloseSet(destination, setStart, offset);
        }

        var h = destination;
        if (IsIpfix)
        {
            BinaryPrimitives.WriteUInt16BigEndian(h, 10);
            BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)offset);
            BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)(exportMs / 1000));
            BinaryPrimitives.WriteUInt32BigEndian(h[8..], _dataRecordsSent);
            BinaryPrimitives.WriteUInt32BigEndian(h[12..], Domain);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(h, 9);
            BinaryPrimitives.WriteUInt16BigEndian(h[2..], (ushort)count);
            // The header pairs uptime with whole seconds: take the uptime at that whole second so that
            // collectors placing uptime-relative flow times in wall-clock time land on the millisecond.
            BinaryPrimitives.WriteUInt32BigEndian(h[4..], (uint)((exportMs / 1000 * 1000) - bootMs));
            BinaryPrimitives.WriteUInt32BigEndian(h[8..], (uint)(exportMs / 1000));
            BinaryPrimitives.WriteUInt32BigEndian(h[12..], packetSequence);
            BinaryPrimitives.WriteUInt32BigEndian(h[16..], Domain);
        }

        _dataRecordsSent += (uint)used;
        return offset;
    }

    private static int CloseSet(Span<byte> destination, int setStart, int offset)
    {
        // Pad the set to a 4-byte boundary (RFC 3954 §5.3, RFC 7011 §3.3.1).
        while ((offset - setStart) % 4 != 0)
        {
            destination[offset++] = 0;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[(setStart + 2)..], (ushort)(offset - setStart));
        return offset;
    }

    private int WriteTemplates(Span<byte> d)
    {
        var offset = 4;
        foreach (var v6 in new[] { false, true })
        {
            ReadOnlySpan<ushort> fields = IsIpfix
                ? [v6 ? (ushort)27 : (ushort)8, v6 ? (ushort)16 : (ushort)4, v6 ? (ushort)28 : (ushort)12, v6 ? (ushort)16 : (ushort)4,
                    7, 2, 11, 2, 4, 1, 6, 1, 2, 8, 1, 8, 152, 8, 153, 8]
                : [v6 ? (ushort)27 : (ushort)8, v6 ? (ushort)16 : (ushort)4, v6 ? (ushort)28 : (ushort)12, v6 ? (ushort)16 : (ushort)4,
                    7, 2, 11, 2, 4, 1, 6, 1, 2, 8, 1, 8, 22, 4, 21, 4];
            BinaryPrimitives.WriteUInt16BigEndian(d[offset..], v6 ? IPv6Template : IPv4Template);
            BinaryPrimitives.WriteUInt16BigEndian(d[(offset + 2)..], (ushort)(fields.Length / 2));
            offset += 4;
            foreach (var value in fields)
            {
                BinaryPrimitives.WriteUInt16BigEndian(d[offset..], value);
                offset += 2;
            }
        }

        BinaryPrimitives.WriteUInt16BigEndian(d, IsIpfix ? (ushort)2 : (ushort)0);
        BinaryPrimitives.WriteUInt16BigEndian(d[2..], (ushort)offset);
        return offset;
    }

    /// <summary>Options template + one record: scope (v9: system, IPFIX: selectorId) and samplingInterval (34).</summary>
    private int WriteSamplingOptions(Span<byte> d, uint rate)
    {
        var offset = 4;
        BinaryPrimitives.WriteUInt16BigEndian(d[offset..], SamplingOptionsTemplate);
        if (IsIpfix)
        {
            // id, field count 2, scope count 1; selectorId(302, 8), samplingInterval(34, 4)
            WriteU16s(d[(offset + 2)..], 2, 1, 302, 8, 34, 4);
            offset += 16;
        }
        else
        {
            // id, scope length 4, option length 4; system(1, 4), SAMPLING_INTERVAL(34, 4)
            WriteU16s(d[(offset + 2)..], 4, 4, 1, 4, 34, 4);
            offset += 14;
        }

        var optionsSet = IsIpfix ? (ushort)3 : (ushort)1;
        offset = CloseTemplateSet(d, 0, offset, optionsSet);
        var dataStart = offset;
        BinaryPrimitives.WriteUInt16BigEndian(d[offset..], SamplingOptionsTemplate);
        offset += 4;
        if (IsIpfix)
        {
            BinaryPrimitives.WriteUInt64BigEndian(d[offset..], 0);
            offset += 8;
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(d[offset..], 0);
            offset += 4;
        }

        BinaryPrimitives.WriteUInt32BigEndian(d[offset..], rate);
        offset += 4;
        return CloseSet(d, dataStart, offset);
    }

    private static int CloseTemplateSet(Span<byte> d, int setStart, int offset, ushort setId)
    {
        BinaryPrimitives.WriteUInt16BigEndian(d[setStart..], setId);
        return CloseSet(d, setStart, offset);
    }

    private static void WriteU16s(Span<byte> d, params ReadOnlySpan<ushort> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(d[(i * 2)..], values[i]);
        }
    }

    private int WriteRecord(Span<byte> d, in FlowExportRecord r, bool v6, long bootMs)
    {
        var offset = 0;
        if (v6)
        {
            r.Source.WriteBytes(d);
            r.Destination.WriteBytes(d[16..]);
            offset = 32;
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(d, r.Source.V4);
            BinaryPrimitives.WriteUInt32BigEndian(d[4..], r.Destination.V4);
            offset = 8;
        }

        BinaryPrimitives.WriteUInt16BigEndian(d[offset..], r.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(d[(offset + 2)..], r.DestinationPort);
        d[offset + 4] = r.Protocol;
        d[offset + 5] = (byte)r.TcpFlags;
        BinaryPrimitives.WriteUInt64BigEndian(d[(offset + 6)..], r.Packets);
        BinaryPrimitives.WriteUInt64BigEndian(d[(offset + 14)..], r.Bytes);
        offset += 22;
        if (IsIpfix)
        {
            BinaryPrimitives.WriteUInt64BigEndian(d[offset..], (ulong)r.FirstMs);
            BinaryPrimitives.WriteUInt64BigEndian(d[(offset + 8)..], (ulong)r.LastMs);
            return offset + 16;
        }

        BinaryPrimitives.WriteUInt32BigEndian(d[offset..], (uint)(r.FirstMs - bootMs));
        BinaryPrimitives.WriteUInt32BigEndian(d[(offset + 4)..], (uint)(r.LastMs - bootMs));
        return offset + 8;
    }
}
