using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

public sealed partial class BgpUpdate
{
    /// <summary>
    /// Decodes an UPDATE body (after the header) after checking it with <see cref="BgpUpdateValidator"/>. Returns false
    /// only for <see cref="BgpUpdateAction.SessionReset"/>. Under treat-as-withdraw the announced routes come back as
    /// withdrawals and no attributes; under attribute-discard the broken attributes are left out.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, bool fourOctetAs, out BgpUpdate update, out BgpUpdateVerdict verdict)
    {
        update = new BgpUpdate();
        verdict = BgpUpdateValidator.Validate(body, fourOctetAs);
        if (verdict.Action == BgpUpdateAction.SessionReset)
        {
            return false;
        }

        BgpUpdateReader.TryLocate(body, out var fields, out _);
        var withdrawn = ReadPrefixes(fields.Withdrawn, ipv6: false);
        var nlri = ReadPrefixes(fields.Nlri, ipv6: false);
        var origin = OriginIgp;
        var asPath = new List<uint>();
        NetAddress? nextHop = null;
        uint? med = null;
        uint? localPref = null;
        var communities = new List<uint>();
        var extended = new List<ulong>();
        BgpMpReach? reach = null;
        BgpMpUnreach? unreach = null;
        var seen = 0UL;
        var reader = new BgpAttributeReader(fields.Attributes);
        while (reader.TryRead(out var attribute))
        {
            var value = attribute.Value;
            if (attribute.Type < 64 && (seen & (1UL << attribute.Type)) != 0)
            {
                continue;
            }

            if (attribute.Type < 64)
            {
                seen |= 1UL << attribute.Type;
            }

            switch ((BgpAttributeType)attribute.Type)
            {
                case BgpAttributeType.Origin when value.Length == 1:
                    origin = value[0];
                    break;
                case BgpAttributeType.AsPath:
                    ReadAsPath(value, fourOctetAs ? 4 : 2, asPath);
                    break;
                case BgpAttributeType.NextHop when value.Length == 4:
                    nextHop = NetAddress.FromV4(value);
                    break;
                case BgpAttributeType.MultiExitDisc when value.Length == 4:
                    med = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case BgpAttributeType.LocalPref when value.Length == 4:
                    localPref = BinaryPrimitives.ReadUInt32BigEndian(value);
                    break;
                case BgpAttributeType.Communities when value.Length % 4 == 0:
                    for (var i = 0; i < value.Length; i += 4)
                    {
                        communities.Add(BinaryPrimitives.ReadUInt32BigEndian(value[i..]));
                    }

                    break;
                case BgpAttributeType.ExtendedCommunities when value.Length % 8 == 0:
                    for (var i = 0; i < value.Length; i += 8)
                    {
                        extended.Add(BinaryPrimitives.ReadUInt64BigEndian(value[i..]));
                    }

                    break;
                case BgpAttributeType.MpReachNlri:
                    reach = ReadMpReach(value);
                    break;
                case BgpAttributeType.MpUnreachNlri:
                    var family = new BgpFamily(BinaryPrimitives.ReadUInt16BigEndian(value), value[2]);
                    unreach = new BgpMpUnreach(family, ReadPrefixes(value[3..], family), ReadRules(value[3..], family));
                    break;
            }
        }

        if (verdict.Action == BgpUpdateAction.TreatAsWithdraw)
        {
            update = new BgpUpdate
            {
                Withdrawn = [.. withdrawn, .. nlri],
                MpUnreach = reach is null ? unreach : Merge(reach, unreach),
            };
            return true;
        }

        update = new BgpUpdate
        {
            Withdrawn = withdrawn,
            Nlri = nlri,
            Origin = origin,
            AsPath = asPath,
            NextHop = nextHop,
            Med = med,
            LocalPref = localPref,
            Communities = communities,
            ExtendedCommunities = extended,
            MpReach = reach,
            MpUnreach = unreach,
        };
        return true;
    }

    private static BgpMpUnreach Merge(BgpMpReach reach, BgpMpUnreach? unreach) =>
        unreach is not null && unreach.Family == reach.Family
            ? new BgpMpUnreach(reach.Family, [.. unreach.Prefixes, .. reach.Prefixes], [.. unreach.Rules, .. reach.Rules])
            : new BgpMpUnreach(reach.Family, reach.Prefixes, reach.Rules);

    private static BgpMpReach ReadMpReach(ReadOnlySpan<byte> value)
    {
        var family = new BgpFamily(BinaryPrimitives.ReadUInt16BigEndian(value), value[2]);
        var nextHopLength = value[3];
        NetAddress? nextHop = nextHopLength switch
        {
            4 => NetAddress.FromV4(value[4..]),
            16 or 32 => NetAddress.FromV6(value[4..]),
            _ => null,
        };
        var nlri = value[(5 + nextHopLength)..];
        return new BgpMpReach(family, nextHop, ReadPrefixes(nlri, family), ReadRules(nlri, family));
    }

    private static List<BgpPrefix> ReadPrefixes(ReadOnlySpan<byte> field, BgpFamily family) =>
        family.IsFlowSpec || family.Safi != BgpFamily.SafiUnicast ? [] : ReadPrefixes(field, family.IsIPv6);

    private static List<BgpPrefix> ReadPrefixes(ReadOnlySpan<byte> field, bool ipv6)
    {
        var prefixes = new List<BgpPrefix>();
        var at = 0;
        while (at < field.Length)
        {
            var length = field[at];
            var bytes = (length + 7) / 8;
            prefixes.Add(BgpPrefix.FromBytes(field.Slice(at + 1, bytes), length, ipv6));
            at += 1 + bytes;
        }

        return prefixes;
    }

    /// <summary>FlowSpec rules of a checked field; NLRIs whose contents are malformed are skipped (their UPDATE is treat-as-withdraw).</summary>
    private static List<FlowSpecRule> ReadRules(ReadOnlySpan<byte> field, BgpFamily family)
    {
        var rules = new List<FlowSpecRule>();
        while (family.IsFlowSpec && !field.IsEmpty)
        {
            if (FlowSpecRule.TryParse(field, family.IsIPv6, out var rule, out var consumed, out _))
            {
                rules.Add(rule!);
            }

            if (consumed == 0)
            {
                break;
            }

            field = field[consumed..];
        }

        return rules;
    }

    private static void ReadAsPath(ReadOnlySpan<byte> value, int width, List<uint> path)
    {
        var at = 0;
        while (at + 2 <= value.Length)
        {
            var count = value[at + 1];
            at += 2;
            for (var i = 0; i < count && at + width <= value.Length; i++, at += width)
            {
                path.Add(width == 4 ? BinaryPrimitives.ReadUInt32BigEndian(value[at..]) : BinaryPrimitives.ReadUInt16BigEndian(value[at..]));
            }
        }
    }
}
