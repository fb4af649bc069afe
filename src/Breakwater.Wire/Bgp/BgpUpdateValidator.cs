using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// Checks an UPDATE body the way RFC 7606 asks a receiver to, without allocating: field lengths that cannot be
/// trusted reset the session; a broken attribute that affects route selection turns the UPDATE's routes into
/// withdrawals; a broken attribute that does not (ATOMIC_AGGREGATE, AGGREGATOR) is discarded; duplicates are
/// discarded except MP_REACH/MP_UNREACH, whose duplicates reset the session.
/// </summary>
public static class BgpUpdateValidator
{
    public static BgpUpdateVerdict Validate(ReadOnlySpan<byte> body, bool fourOctetAs)
    {
        if (!BgpUpdateReader.TryLocate(body, out var update, out var error))
        {
            return new BgpUpdateVerdict(BgpUpdateAction.SessionReset, error);
        }

        if (!BgpUpdateReader.TryCountPrefixes(update.Withdrawn, 32, out _))
        {
            return Reset(BgpErrorCode.InvalidNetworkField, 2);
        }

        if (!BgpUpdateReader.TryCountPrefixes(update.Nlri, 32, out var nlriCount))
        {
            return Reset(BgpErrorCode.InvalidNetworkField, body.Length - update.Nlri.Length);
        }

        var verdict = BgpUpdateVerdict.Accept;
        var seen = 0UL;
        var reachSeen = false;
        var reader = new BgpAttributeReader(update.Attributes);
        while (reader.TryRead(out var attribute))
        {
            var offset = update.AttributesOffset + attribute.Offset;
            if (attribute.Type < 64 && (seen & (1UL << attribute.Type)) != 0)
            {
                if (attribute.Type is (byte)BgpAttributeType.MpReachNlri or (byte)BgpAttributeType.MpUnreachNlri)
                {
                    return Reset(BgpErrorCode.MalformedAttributeList, offset);
                }

                verdict = verdict.Worst(new BgpUpdateVerdict(BgpUpdateAction.AttributeDiscard, BgpError.Update(BgpErrorCode.MalformedAttributeList, offset)));
                continue;
            }

            if (attribute.Type < 64)
            {
                seen |= 1UL << attribute.Type;
            }

            reachSeen |= attribute.Type is (byte)BgpAttributeType.MpReachNlri or (byte)BgpAttributeType.MpUnreachNlri;
            var check = CheckAttribute(attribute, fourOctetAs, offset);
            if (check.Action == BgpUpdateAction.SessionReset)
            {
                return check;
            }

            verdict = verdict.Worst(check);
        }

        if (reader.Overrun)
        {
            // The attribute field's own length is consistent but an attribute inside runs past it (RFC 7606 §4):
            // withdraw what the UPDATE carries if its routes can still be found, else the session cannot continue.
            var offset = update.AttributesOffset + reader.Position;
            return nlriCount > 0 || reachSeen
                ? verdict.Worst(new BgpUpdateVerdict(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.AttributeLengthError, offset)))
                : Reset(BgpErrorCode.MalformedAttributeList, offset);
        }

        var reach = (seen & (1UL << (int)BgpAttributeType.MpReachNlri)) != 0;
        if (nlriCount > 0 || reach)
        {
            // Mandatory well-known attributes (RFC 4271 §5, RFC 7606 §3 d): missing ones mean treat-as-withdraw.
            var needed = (1UL << (int)BgpAttributeType.Origin) | (1UL << (int)BgpAttributeType.AsPath)
                | (nlriCount > 0 ? 1UL << (int)BgpAttributeType.NextHop : 0);
            if ((seen & needed) != needed)
            {
                verdict = verdict.Worst(new BgpUpdateVerdict(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.MissingWellKnownAttribute, update.AttributesOffset)));
            }
        }

        return verdict;
    }

    private static BgpUpdateVerdict CheckAttribute(BgpAttributeView attribute, bool fourOctetAs, int offset)
    {
        var value = attribute.Value;
        var expectedFlags = ExpectedFlags((BgpAttributeType)attribute.Type);
        if (expectedFlags >= 0 && (attribute.Flags & (BgpAttributeFlags.Optional | BgpAttributeFlags.Transitive)) != expectedFlags)
        {
            // RFC 7606 §3 c: flags in conflict with the type are treat-as-withdraw, except where the attribute's
            // own error handling is attribute-discard.
            return attribute.Type is (byte)BgpAttributeType.AtomicAggregate or (byte)BgpAttributeType.Aggregator
                or (byte)BgpAttributeType.As4Aggregator or (byte)BgpAttributeType.As4Path
                ? new BgpUpdateVerdict(BgpUpdateAction.AttributeDiscard, BgpError.Update(BgpErrorCode.AttributeFlagsError, offset))
                : Flags(offset);
        }

        var withdraw = new BgpUpdateVerdict(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.AttributeLengthError, offset));
        var discard = new BgpUpdateVerdict(BgpUpdateAction.AttributeDiscard, BgpError.Update(BgpErrorCode.AttributeLengthError, offset));
        switch ((BgpAttributeType)attribute.Type)
        {
            case BgpAttributeType.Origin:
                if (!WellKnown(attribute))
                {
                    return Flags(offset);
                }

                return value.Length != 1 ? withdraw
                    : value[0] > 2 ? new BgpUpdateVerdict(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.InvalidOrigin, offset))
                    : BgpUpdateVerdict.Accept;
            case BgpAttributeType.AsPath:
                return !WellKnown(attribute) ? Flags(offset) : AsPathIsValid(value, fourOctetAs ? 4 : 2) ? BgpUpdateVerdict.Accept
                    : new BgpUpdateVerdict(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.MalformedAsPath, offset));
            case BgpAttributeType.NextHop:
                return !WellKnown(attribute) ? Flags(offset) : value.Length != 4 ? withdraw : BgpUpdateVerdict.Accept;
            case BgpAttributeType.MultiExitDisc:
                return value.Length != 4 ? withdraw : BgpUpdateVerdict.Accept;
            case BgpAttributeType.LocalPref:
                return value.Length != 4 ? withdraw : BgpUpdateVerdict.Accept;
            case BgpAttributeType.AtomicAggregate:
                return value.Length != 0 ? discard : BgpUpdateVerdict.Accept;
            case BgpAttributeType.Aggregator:
                return value.Length != (fourOctetAs ? 8 : 6) ? discard : BgpUpdateVerdict.Accept;
            case BgpAttributeType.As4Aggregator:
                return value.Length != 8 ? discard : BgpUpdateVerdict.Accept;
            case BgpAttributeType.As4Path:
                return AsPathIsValid(value, 4) ? BgpUpdateVerdict.Accept : discard;
            case BgpAttributeType.Communities:
                return !attribute.IsOptional ? Flags(offset) : value.Length == 0 || value.Length % 4 != 0 ? withdraw : BgpUpdateVerdict.Accept;
            case BgpAttributeType.ExtendedCommunities:
                return !attribute.IsOptional ? Flags(offset) : value.Length == 0 || value.Length % 8 != 0 ? withdraw : BgpUpdateVerdict.Accept;
            case BgpAttributeType.MpReachNlri:
                return CheckMpReach(value, offset);
            case BgpAttributeType.MpUnreachNlri:
                return CheckMpUnreach(value, offset);
            default:
                // An unrecognized well-known attribute cannot be passed on or ignored (RFC 4271 §6.3).
                return attribute.IsOptional ? BgpUpdateVerdict.Accept : Reset(BgpErrorCode.UnrecognizedWellKnownAttribute, offset);
        }
    }

    private static BgpUpdateVerdict CheckMpReach(ReadOnlySpan<byte> value, int offset)
    {
        if (value.Length < 5 || 4 + value[3] + 1 > value.Length)
        {
            return Reset(BgpErrorCode.OptionalAttributeError, offset);
        }

        var family = new BgpFamily(BinaryPrimitives.ReadUInt16BigEndian(value), value[2]);
        var nextHopLength = value[3];
        var expected = family.IsFlowSpec ? nextHopLength is 0 or 4 or 16 or 32 : family.IsIPv6 ? nextHopLength is 16 or 32 : nextHopLength is 4 or 16;
        if (!expected)
        {
            return new BgpUpdateVerdict(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.OptionalAttributeError, offset));
        }

        return CheckNlri(family, value[(5 + nextHopLength)..], offset);
    }

    private static BgpUpdateVerdict CheckMpUnreach(ReadOnlySpan<byte> value, int offset) =>
        value.Length < 3 ? Reset(BgpErrorCode.OptionalAttributeError, offset)
        : CheckNlri(new BgpFamily(BinaryPrimitives.ReadUInt16BigEndian(value), value[2]), value[3..], offset);

    private static BgpUpdateVerdict CheckNlri(BgpFamily family, ReadOnlySpan<byte> nlri, int offset)
    {
        if (!family.IsFlowSpec)
        {
            return BgpUpdateReader.TryCountPrefixes(nlri, family.IsIPv6 ? 128 : 32, out _)
                ? BgpUpdateVerdict.Accept
                : Reset(BgpErrorCode.OptionalAttributeError, offset);
        }

        var reader = new FlowSpecNlriReader(nlri, family.IsIPv6);
        var verdict = BgpUpdateVerdict.Accept;
        while (reader.TryReadNlri(out var components))
        {
            if (FlowSpecNlriReader.Validate(components, family.IsIPv6) != FlowSpecFault.None)
            {
                // The NLRI can be delimited, only its contents are wrong (RFC 8955 §4.2): withdraw, keep the session.
                verdict = new BgpUpdateVerdict(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.OptionalAttributeError, offset));
            }
        }

        return reader.Fault != FlowSpecFault.None ? Reset(BgpErrorCode.OptionalAttributeError, offset) : verdict;
    }

    /// <summary>AS_PATH segments: type(1, 1..4) count(1, ≥ 1) ASNs(count × width) filling the value exactly (RFC 7606 §7.2).</summary>
    private static bool AsPathIsValid(ReadOnlySpan<byte> value, int width)
    {
        var at = 0;
        while (at < value.Length)
        {
            if (at + 2 > value.Length || value[at] is 0 or > 4 || value[at + 1] == 0)
            {
                return false;
            }

            at += 2 + (value[at + 1] * width);
        }

        return at == value.Length;
    }

    /// <summary>Optional and transitive bits each known attribute must carry (RFC 4271 §5, RFC 4760, RFC 4360, RFC 6793); -1 when unknown.</summary>
    private static int ExpectedFlags(BgpAttributeType type) => type switch
    {
        BgpAttributeType.Origin or BgpAttributeType.AsPath or BgpAttributeType.NextHop or BgpAttributeType.LocalPref
            or BgpAttributeType.AtomicAggregate => BgpAttributeFlags.Transitive,
        BgpAttributeType.MultiExitDisc or BgpAttributeType.MpReachNlri or BgpAttributeType.MpUnreachNlri => BgpAttributeFlags.Optional,
        BgpAttributeType.Aggregator or BgpAttributeType.Communities or BgpAttributeType.ExtendedCommunities
            or BgpAttributeType.As4Path or BgpAttributeType.As4Aggregator => BgpAttributeFlags.Optional | BgpAttributeFlags.Transitive,
        _ => -1,
    };

    private static bool WellKnown(BgpAttributeView attribute) => !attribute.IsOptional && attribute.IsTransitive;

    private static BgpUpdateVerdict Flags(int offset) =>
        new(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.AttributeFlagsError, offset));

    private static BgpUpdateVerdict Reset(byte subcode, int offset) => new(BgpUpdateAction.SessionReset, BgpError.Update(subcode, offset));
}
