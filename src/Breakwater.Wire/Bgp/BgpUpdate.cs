using System.Buffers;
using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// An UPDATE (RFC 4271 §4.3) as Breakwater builds and reads it: IPv4 unicast withdrawals and NLRI in the classic
/// fields, other families in MP_REACH_NLRI / MP_UNREACH_NLRI (RFC 4760), communities (RFC 1997) and extended
/// communities (RFC 4360) for blackhole tagging and FlowSpec actions.
/// </summary>
public sealed partial class BgpUpdate
{
    public const byte OriginIgp = 0;
    public const byte OriginIncomplete = 2;

    public IReadOnlyList<BgpPrefix> Withdrawn { get; init; } = [];

    public IReadOnlyList<BgpPrefix> Nlri { get; init; } = [];

    public byte Origin { get; init; } = OriginIgp;

    /// <summary>AS_PATH as one AS_SEQUENCE (empty on iBGP sessions).</summary>
    public IReadOnlyList<uint> AsPath { get; init; } = [];

    public NetAddress? NextHop { get; init; }

    public uint? Med { get; init; }

    public uint? LocalPref { get; init; }

    /// <summary>Standard communities as ASN:value in one 32-bit number (65535:666 = 0xFFFF029A).</summary>
    public IReadOnlyList<uint> Communities { get; init; } = [];

    public IReadOnlyList<ulong> ExtendedCommunities { get; init; } = [];

    public BgpMpReach? MpReach { get; init; }

    public BgpMpUnreach? MpUnreach { get; init; }

    /// <summary>True when the UPDATE announces something and so needs ORIGIN and AS_PATH.</summary>
    public bool Announces => Nlri.Count > 0 || MpReach is not null;

    /// <summary>Octets of the whole message, header included.</summary>
    public int MeasureLength(bool fourOctetAs)
    {
        var length = BgpFraming.HeaderLength + 4 + PrefixesLength(Withdrawn) + PrefixesLength(Nlri);
        if (Announces)
        {
            length += 4 + AttributeLength(AsPathLength(fourOctetAs ? 4 : 2));
            if (!fourOctetAs && AsPath.Any(asn => asn > ushort.MaxValue))
            {
                length += AttributeLength(AsPathLength(4));
            }
        }

        length += NextHop is not null ? 7 : 0;
        length += Med is not null ? 7 : 0;
        length += LocalPref is not null ? 7 : 0;
        length += Communities.Count > 0 ? AttributeLength(4 * Communities.Count) : 0;
        length += ExtendedCommunities.Count > 0 ? AttributeLength(8 * ExtendedCommunities.Count) : 0;
        if (MpReach is not null)
        {
            length += 4 + 5 + NextHopLength(MpReach) + PrefixesLength(MpReach.Prefixes) + RulesLength(MpReach.Rules);
        }

        if (MpUnreach is not null)
        {
            length += 4 + 3 + PrefixesLength(MpUnreach.Prefixes) + RulesLength(MpUnreach.Rules);
        }

        return length;
    }

    /// <summary>Writes the whole message; throws when it would exceed 4096 octets (callers pack to fit).</summary>
    public int Write(IBufferWriter<byte> writer, bool fourOctetAs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = MeasureLength(fourOctetAs);
        if (length > BgpFraming.MaxMessageLength)
        {
            throw new InvalidOperationException($"UPDATE of {length} octets exceeds {BgpFraming.MaxMessageLength}; pack fewer routes into it");
        }

        var span = writer.GetSpan(length);
        BgpFraming.WriteHeader(span, length, BgpMessageType.Update);
        var at = BgpFraming.HeaderLength;
        var withdrawnLength = WritePrefixes(span[(at + 2)..], Withdrawn);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)withdrawnLength);
        at += 2 + withdrawnLength;
        var attributesAt = at + 2;
        var end = WriteAttributes(span, attributesAt, fourOctetAs);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)(end - attributesAt));
        end += WritePrefixes(span[end..], Nlri);
        writer.Advance(end);
        return end;
    }

    private int WriteAttributes(Span<byte> span, int at, bool fourOctetAs)
    {
        if (Announces)
        {
            at = Header(span, at, BgpAttributeFlags.Transitive, BgpAttributeType.Origin, 1);
            span[at++] = Origin;
            var width = fourOctetAs ? 4 : 2;
            at = Header(span, at, BgpAttributeFlags.Transitive, BgpAttributeType.AsPath, AsPathLength(width));
            at = WriteAsPath(span, at, width);
        }

        if (NextHop is { } nextHop)
        {
            at = Header(span, at, BgpAttributeFlags.Transitive, BgpAttributeType.NextHop, 4);
            BinaryPrimitives.WriteUInt32BigEndian(span[at..], nextHop.V4);
            at += 4;
        }

        if (Med is { } med)
        {
            at = Header(span, at, BgpAttributeFlags.Optional, BgpAttributeType.MultiExitDisc, 4);
            BinaryPrimitives.WriteUInt32BigEndian(span[at..], med);
            at += 4;
        }

        if (LocalPref is { } localPref)
        {
            at = Header(span, at, BgpAttributeFlags.Transitive, BgpAttributeType.LocalPref, 4);
            BinaryPrimitives.WriteUInt32BigEndian(span[at..], localPref);
            at += 4;
        }

        if (Communities.Count > 0)
        {
            at = Header(span, at, BgpAttributeFlags.Optional | BgpAttributeFlags.Transitive, BgpAttributeType.Communities, 4 * Communities.Count);
            foreach (var community in Communities)
            {
                BinaryPrimitives.WriteUInt32BigEndian(span[at..], community);
                at += 4;
            }
        }

        if (MpReach is not null)
        {
            at = WriteMpReach(span, at, MpReach);
        }

        if (MpUnreach is not null)
        {
            var length = 3 + PrefixesLength(MpUnreach.Prefixes) + RulesLength(MpUnreach.Rules);
            at = Header(span, at, BgpAttributeFlags.Optional, BgpAttributeType.MpUnreachNlri, length);
            BinaryPrimitives.WriteUInt16BigEndian(span[at..], MpUnreach.Family.Afi);
            span[at + 2] = MpUnreach.Family.Safi;
            at += 3;
            at += WritePrefixes(span[at..], MpUnreach.Prefixes);
            at += WriteRules(span[at..], MpUnreach.Rules);
        }

        if (ExtendedCommunities.Count > 0)
        {
            at = Header(span, at, BgpAttributeFlags.Optional | BgpAttributeFlags.Transitive, BgpAttributeType.ExtendedCommunities, 8 * ExtendedCommunities.Count);
            foreach (var community in ExtendedCommunities)
            {
                BinaryPrimitives.WriteUInt64BigEndian(span[at..], community);
                at += 8;
            }
        }

        if (Announces && !fourOctetAs && AsPath.Any(asn => asn > ushort.MaxValue))
        {
            // A 2-octet peer sees AS_TRANS in AS_PATH and the real path in AS4_PATH (RFC 6793 §4.2.2).
            at = Header(span, at, BgpAttributeFlags.Optional | BgpAttributeFlags.Transitive, BgpAttributeType.As4Path, AsPathLength(4));
            at = WriteAsPath(span, at, 4);
        }

        return at;
    }

    private int WriteMpReach(Span<byte> span, int at, BgpMpReach reach)
    {
        var nextHopLength = NextHopLength(reach);
        var length = 5 + nextHopLength + PrefixesLength(reach.Prefixes) + RulesLength(reach.Rules);
        at = Header(span, at, BgpAttributeFlags.Optional, BgpAttributeType.MpReachNlri, length);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], reach.Family.Afi);
        span[at + 2] = reach.Family.Safi;
        span[at + 3] = (byte)nextHopLength;
        at += 4;
        if (reach.NextHop is { } nextHop && nextHopLength > 0)
        {
            Span<byte> address = stackalloc byte[16];
            nextHop.WriteBytes(address);
            (nextHopLength == 4 ? address[12..] : address).CopyTo(span[at..]);
            at += nextHopLength;
        }

        span[at++] = 0;
        at += WritePrefixes(span[at..], reach.Prefixes);
        at += WriteRules(span[at..], reach.Rules);
        return at;
    }

    private int WriteAsPath(Span<byte> span, int at, int width)
    {
        if (AsPath.Count == 0)
        {
            return at;
        }

        span[at++] = 2; // AS_SEQUENCE
        span[at++] = (byte)AsPath.Count;
        foreach (var asn in AsPath)
        {
            if (width == 4)
            {
                BinaryPrimitives.WriteUInt32BigEndian(span[at..], asn);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(span[at..], asn > ushort.MaxValue ? BgpOpen.AsTrans : (ushort)asn);
            }

            at += width;
        }

        return at;
    }

    /// <summary>Attribute header; MP attributes always take the extended (two-octet) length so they can grow.</summary>
    private static int Header(Span<byte> span, int at, byte flags, BgpAttributeType type, int length)
    {
        var extended = length > 255 || type is BgpAttributeType.MpReachNlri or BgpAttributeType.MpUnreachNlri;
        span[at] = (byte)(flags | (extended ? BgpAttributeFlags.ExtendedLength : 0));
        span[at + 1] = (byte)type;
        if (extended)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(at + 2)..], (ushort)length);
            return at + 4;
        }

        span[at + 2] = (byte)length;
        return at + 3;
    }

    /// <summary>Header plus value of a non-MP attribute: the length octet doubles past 255.</summary>
    private static int AttributeLength(int valueLength) => (valueLength > 255 ? 4 : 3) + valueLength;

    private int AsPathLength(int width) => AsPath.Count == 0 ? 0 : 2 + (width * AsPath.Count);

    private static int NextHopLength(BgpMpReach reach) =>
        reach.NextHop is not { } nextHop ? 0 : nextHop.IsIPv4 && !reach.Family.IsIPv6 ? 4 : 16;

    private static int PrefixesLength(IReadOnlyList<BgpPrefix> prefixes)
    {
        var length = 0;
        foreach (var prefix in prefixes)
        {
            length += 1 + prefix.ByteCount;
        }

        return length;
    }

    private static int RulesLength(IReadOnlyList<FlowSpecRule> rules)
    {
        var length = 0;
        foreach (var rule in rules)
        {
            length += rule.EncodedLength;
        }

        return length;
    }

    private static int WritePrefixes(Span<byte> span, IReadOnlyList<BgpPrefix> prefixes)
    {
        var at = 0;
        foreach (var prefix in prefixes)
        {
            span[at++] = (byte)prefix.Length;
            at += prefix.WriteAddressBytes(span[at..]);
        }

        return at;
    }

    private static int WriteRules(Span<byte> span, IReadOnlyList<FlowSpecRule> rules)
    {
        var at = 0;
        foreach (var rule in rules)
        {
            at += rule.Write(span[at..]);
        }

        return at;
    }
}
