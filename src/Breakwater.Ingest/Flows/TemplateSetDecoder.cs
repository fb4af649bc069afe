using System.Buffers.Binary;
using Breakwater.Wire;
using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Flows;

/// <summary>
/// The parts NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) share: template and options-template sets, and data sets
/// read through a template. Hostile input (zero fields, impossible lengths, too many templates) is a counted drop.
/// </summary>
internal static class TemplateSetDecoder
{
    private const int MaxFieldsPerTemplate = 256;
    private const long NtpToUnixSeconds = 2_208_988_800;

    /// <summary>
    /// Reads the template records of one set body. v9 template: id, count, (type, length)…; v9 options: id, scope
    /// bytes, option bytes, fields…; IPFIX template: id, count, (id|E-bit, length[, enterprise])…; IPFIX options:
    /// id, count, scope count, fields…. Held data sets that were waiting for a new template are decoded at once.
    /// </summary>
    public static FlowDecodeResult ReadTemplates<TSink>(ReadOnlySpan<byte> body, bool options, in FlowHeaderContext context,
        FlowTemplateCache cache, long nowNanos, ref TSink sink)
        where TSink : struct, ITrafficSink
    {
        var records = 0;
        var drop = FlowDropReason.None;
        while (body.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(body);
            int fieldCount;
            int scopeCount;
            int offset;
            if (options && !context.IsIpfix)
            {
                if (body.Length < 6)
                {
                    break;
                }

                // v9 options template counts bytes, 4 per field specifier.
                var scopeBytes = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
                var optionBytes = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
                if (scopeBytes % 4 != 0 || optionBytes % 4 != 0)
                {
                    return FlowDecodeResult.Dropped(FlowDropReason.TemplateInvalid, records);
                }

                scopeCount = scopeBytes / 4;
                fieldCount = scopeCount + (optionBytes / 4);
                offset = 6;
            }
            else if (options)
            {
                if (body.Length < 6)
                {
                    break;
                }

                fieldCount = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
                scopeCount = BinaryPrimitives.ReadUInt16BigEndian(body[4..]);
                offset = 6;
                if (scopeCount == 0 && fieldCount > 0 || scopeCount > fieldCount)
                {
                    return FlowDecodeResult.Dropped(FlowDropReason.TemplateInvalid, records);
                }
            }
            else
            {
                fieldCount = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
                scopeCount = 0;
                offset = 4;
            }

            var key = new TemplateKey(context.Exporter, context.Domain, id);
            if (fieldCount == 0)
            {
                if (!context.IsIpfix)
                {
                    return FlowDecodeResult.Dropped(FlowDropReason.TemplateInvalid, records);
                }

                // IPFIX withdrawal: the set id itself (2 or 3) as template id means "all templates".
                if (id is 2 or 3)
                {
                    cache.RemoveAll(new ExporterDomain(context.Exporter, context.Domain));
                }
                else
                {
                    cache.Remove(key);
                }

                body = body[offset..];
                continue;
            }

            if (id < 256 || fieldCount > MaxFieldsPerTemplate)
            {
                return FlowDecodeResult.Dropped(FlowDropReason.TemplateInvalid, records);
            }

            var fields = new FlowField[fieldCount];
            for (var i = 0; i < fieldCount; i++)
            {
                if (body.Length - offset < 4)
                {
                    return FlowDecodeResult.Dropped(FlowDropReason.TemplateInvalid, records);
                }

                var fieldId = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
                var length = BinaryPrimitives.ReadUInt16BigEndian(body[(offset + 2)..]);
                offset += 4;
                uint enterprise = 0;
                if (context.IsIpfix && (fieldId & 0x8000) != 0)
                {
                    if (body.Length - offset < 4)
                    {
                        return FlowDecodeResult.Dropped(FlowDropReason.TemplateInvalid, records);
                    }

                    fieldId &= 0x7FFF;
                    enterprise = BinaryPrimitives.ReadUInt32BigEndian(body[offset..]);
                    offset += 4;
                }

                if (length == 0 || (length == FlowField.VariableLength && !context.IsIpfix))
                {
                    return FlowDecodeResult.Dropped(FlowDropReason.TemplateInvalid, records);
                }

                fields[i] = new FlowField(fieldId, length, enterprise);
            }

            body = body[offset..];
            if (!cache.TryAdd(key, new FlowTemplate(id, fields, scopeCount, nowNanos)))
            {
                drop = FlowDropReason.TemplateLimit;
                continue;
            }

            while (cache.TryTakePending(key, cache.ReplayBuffer, out var length, out var heldContext)
                && cache.TryGet(key, nowNanos, out var template))
            {
                records += ReadData(cache.ReplayBuffer.AsSpan(0, length), template, heldContext, cache, ref sink).Records;
            }
        }

        return new FlowDecodeResult(records, drop);
    }

    /// <summary>Reads the data records of one set body; trailing bytes shorter than a record are padding.</summary>
    public static FlowDecodeResult ReadData<TSink>(ReadOnlySpan<byte> body, FlowTemplate template, in FlowHeaderContext context,
        FlowTemplateCache cache, ref TSink sink)
        where TSink : struct, ITrafficSink
    {
        var records = 0;
        var domain = new ExporterDomain(context.Exporter, context.Domain);
        while (body.Length >= template.MinimumRecordLength)
        {
            var record = default(TrafficRecord);
            uint samplerId = 0;
            uint ownInterval = 0;
            uint packetInterval = 0;
            uint packetSpace = 0;
            long sysInitMs = 0;
            long endNanos = 0;
            uint endUptimeMs = 0;
            var hasUptime = false;
            ulong totalBytes = 0;
            ulong totalPackets = 0;
            var offset = 0;
            foreach (var field in template.Fields)
            {
                int length = field.Length;
                if (field.IsVariable)
                {
                    if (offset >= body.Length)
                    {
                        return FlowDecodeResult.Dropped(FlowDropReason.RecordLengthInvalid, records);
                    }

                    length = body[offset++];
                    if (length == 255)
                    {
                        if (body.Length - offset < 2)
                        {
                            return FlowDecodeResult.Dropped(FlowDropReason.RecordLengthInvalid, records);
                        }

                        length = BinaryPrimitives.ReadUInt16BigEndian(body[offset..]);
                        offset += 2;
                    }
                }

                if (body.Length - offset < length)
                {
                    // Less than a record left: padding at the end of the set (RFC 7011 §3.3.1), or a lying length.
                    return new FlowDecodeResult(records, records == 0 && !template.IsOptions ? FlowDropReason.RecordLengthInvalid : FlowDropReason.None);
                }

                var value = body.Slice(offset, length);
                offset += length;
                if (field.Enterprise != 0)
                {
                    continue;
                }

                switch (field.Id)
                {
                    case FlowFieldIds.OctetDeltaCount or FlowFieldIds.PostOctetDeltaCount:
                        record.Bytes += ReadUnsigned(value);
                        break;
                    case FlowFieldIds.PacketDeltaCount or FlowFieldIds.PostPacketDeltaCount:
                        record.Packets += ReadUnsigned(value);
                        break;
                    case FlowFieldIds.OctetTotalCount:
                        totalBytes = ReadUnsigned(value);
                        break;
                    case FlowFieldIds.PacketTotalCount:
                        totalPackets = ReadUnsigned(value);
                        break;
                    case FlowFieldIds.ProtocolIdentifier:
                        record.Protocol = (byte)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.TcpControlBits:
                        record.TcpFlags = (TcpFlags)(byte)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.SourceTransportPort:
                        record.SourcePort = (ushort)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.DestinationTransportPort:
                        record.DestinationPort = (ushort)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.SourceIPv4Address when length == 4:
                        record.Source = NetAddress.FromV4(value);
                        break;
                    case FlowFieldIds.DestinationIPv4Address when length == 4:
                        record.Destination = NetAddress.FromV4(value);
                        break;
                    case FlowFieldIds.SourceIPv6Address when length == 16:
                        record.Source = NetAddress.FromV6(value);
                        record.Flags |= RecordFlags.IPv6;
                        break;
                    case FlowFieldIds.DestinationIPv6Address when length == 16:
                        record.Destination = NetAddress.FromV6(value);
                        record.Flags |= RecordFlags.IPv6;
                        break;
                    case FlowFieldIds.IcmpTypeCodeIPv4 or FlowFieldIds.IcmpTypeCodeIPv6:
                        var typeCode = (ushort)ReadUnsigned(value);
                        record.IcmpType = (byte)(typeCode >> 8);
                        record.IcmpCode = (byte)typeCode;
                        break;
                    case FlowFieldIds.IcmpTypeIPv4 or FlowFieldIds.IcmpTypeIPv6:
                        record.IcmpType = (byte)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.IcmpCodeIPv4 or FlowFieldIds.IcmpCodeIPv6:
                        record.IcmpCode = (byte)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.BgpSourceAsNumber:
                        record.SourceAs = (uint)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.BgpDestinationAsNumber:
                        record.DestinationAs = (uint)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.IpTtl or FlowFieldIds.MaximumTtl:
                        record.Ttl = (byte)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.SamplingInterval or FlowFieldIds.SamplerRandomInterval:
                        ownInterval = (uint)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.SamplerId or FlowFieldIds.SelectorId:
                        samplerId = (uint)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.SamplingPacketInterval:
                        packetInterval = (uint)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.SamplingPacketSpace:
                        packetSpace = (uint)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.SystemInitTimeMilliseconds:
                        sysInitMs = (long)ReadUnsigned(value);
                        break;
                    case FlowFieldIds.FlowEndSysUpTime:
                        endUptimeMs = (uint)ReadUnsigned(value);
                        hasUptime = true;
                        break;
                    case FlowFieldIds.FlowEndSeconds:
                        endNanos = (long)ReadUnsigned(value) * 1_000_000_000;
                        break;
                    case FlowFieldIds.FlowEndMilliseconds:
                        endNanos = (long)ReadUnsigned(value) * 1_000_000;
                        break;
                    case FlowFieldIds.FlowEndMicroseconds or FlowFieldIds.FlowEndNanoseconds when length == 8:
                        endNanos = NtpToUnixNanos(BinaryPrimitives.ReadUInt64BigEndian(value));
                        break;
                    default:
                        break;
                }
            }

            body = body[Math.Max(offset, 1)..];
            if (template.IsOptions)
            {
                // Options data (RFC 7270, RFC 3954 §6.1): sampler → rate, and the exporter's boot time.
                var rate = packetInterval > 0 ? (packetInterval + packetSpace) / packetInterval : ownInterval;
                cache.SetSamplingRate(domain, samplerId, rate);
                if (sysInitMs > 0)
                {
                    cache.SetSystemInit(domain, sysInitMs);
                }

                continue;
            }

            if (record.Packets == 0 && record.Bytes == 0)
            {
                record.Packets = totalPackets;
                record.Bytes = totalBytes;
            }

            var sampling = ownInterval != 0 ? ownInterval : cache.GetSamplingRate(domain, samplerId);
            record.SamplingRate = sampling == 0 ? 1 : sampling;
            record.TimestampNanos = endNanos != 0 ? endNanos : UptimeToUnix(context, cache, domain, hasUptime, endUptimeMs);
            record.Flags |= RecordFlags.FromFlow;
            sink.OnRecord(ref record, []);
            records++;
        }

        return new FlowDecodeResult(records, FlowDropReason.None);
    }

    private static long UptimeToUnix(in FlowHeaderContext context, FlowTemplateCache cache, ExporterDomain domain, bool hasUptime, uint uptimeMs)
    {
        if (!hasUptime)
        {
            return context.ExportNanos;
        }

        if (!context.IsIpfix)
        {
            // v9: times are router uptime in ms; the header pairs sysUptime with the export time in whole
            // seconds, so a flow may end a little "after" it. Ages beyond an hour mean a reset or a bad clock.
            var ageMs = unchecked((int)(context.SysUptimeMs - uptimeMs));
            return Math.Abs(ageMs) <= 3_600_000 ? context.ExportNanos - (ageMs * 1_000_000L) : context.ExportNanos;
        }

        var init = cache.GetSystemInit(domain);
        return init > 0 ? (init + uptimeMs) * 1_000_000L : context.ExportNanos;
    }

    private static ulong ReadUnsigned(ReadOnlySpan<byte> value)
    {
        // Reduced-size encoding (RFC 7011 §6.2): any length up to 8 bytes, big-endian.
        if (value.Length > 8)
        {
            value = value[^8..];
        }

        ulong result = 0;
        foreach (var b in value)
        {
            result = (result << 8) | b;
        }

        return result;
    }

    private static long NtpToUnixNanos(ulong ntp)
    {
        var seconds = (long)(ntp >> 32) - NtpToUnixSeconds;
        var fraction = (long)((ntp & 0xFFFF_FFFF) * 1_000_000_000 >> 32);
        return (seconds * 1_000_000_000) + fraction;
    }
}
