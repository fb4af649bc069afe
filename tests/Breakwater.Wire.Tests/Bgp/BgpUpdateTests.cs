using Breakwater.Wire;
using Breakwater.Wire.Bgp;

namespace Breakwater.Wire.Tests.Bgp;

/// <summary>UPDATE round trips, OPEN/NOTIFICATION decoding, and the RFC 7606 verdicts for broken attributes.</summary>
public sealed class BgpUpdateTests
{
    private static readonly byte[] s_origin = [0x40, 1, 1, 0];
    private static readonly byte[] s_asPath = [0x40, 2, 6, 2, 1, 0, 0, 0xFD, 0xE8];
    private static readonly byte[] s_nextHop = [0x40, 3, 4, 192, 0, 2, 254];
    private static readonly byte[] s_nlri = [32, 198, 51, 100, 7];

    public static TheoryData<string> Samples => ["blackhole", "blackhole6", "flowspec", "flowspec6", "withdraw"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryDecode_WhatWeWrite_SameUpdate(string name)
    {
        var update = Sample(name);
        var bytes = BgpSamples.Bytes(w => update.Write(w, fourOctetAs: true));

        Assert.Equal(update.MeasureLength(true), bytes.Length);
        Assert.True(BgpUpdate.TryDecode(BgpSamples.Body(bytes), true, out var decoded, out var verdict));

        Assert.True(verdict.IsAccept, verdict.ToString());
        Assert.Equal(update.Withdrawn, decoded.Withdrawn);
        Assert.Equal(update.Nlri, decoded.Nlri);
        Assert.Equal(update.Announces ? update.AsPath : [], decoded.AsPath);
        Assert.Equal(update.NextHop, decoded.NextHop);
        Assert.Equal(update.Communities, decoded.Communities);
        Assert.Equal(update.ExtendedCommunities, decoded.ExtendedCommunities);
        Assert.Equal(update.MpReach?.Family, decoded.MpReach?.Family);
        Assert.Equal(update.MpReach?.NextHop, decoded.MpReach?.NextHop);
        Assert.Equal(update.MpReach?.Prefixes ?? [], decoded.MpReach?.Prefixes ?? []);
        Assert.Equal(update.MpReach?.Rules ?? [], decoded.MpReach?.Rules ?? []);
        Assert.Equal(update.MpUnreach?.Rules ?? [], decoded.MpUnreach?.Rules ?? []);
    }

    [Fact]
    public void Write_TwoOctetPeerAndLargeAs_AsTransAndAs4Path()
    {
        var bytes = BgpSamples.Bytes(w => BgpSamples.BlackholeUpdate.Write(w, fourOctetAs: false));

        Assert.True(BgpUpdate.TryDecode(BgpSamples.Body(bytes), false, out var decoded, out var verdict));

        Assert.True(verdict.IsAccept, verdict.ToString());
        Assert.Equal([BgpOpen.AsTrans], decoded.AsPath);
    }

    [Fact]
    public void Open_RoundTrip_CapabilitiesAndFourOctetAs()
    {
        var bytes = BgpSamples.Bytes(BgpSamples.Open.Write);

        Assert.Equal(BgpOpen.AsTrans, (bytes[20] << 8) | bytes[21]);
        Assert.True(BgpOpen.TryParse(BgpSamples.Body(bytes), out var open, out var error), error.ToString());
        Assert.Equal(4_200_000_001u, open.AsNumber);
        Assert.Equal(90, open.HoldTime);
        Assert.Equal(0xC0000201u, open.BgpIdentifier);
        Assert.Equal(BgpSamples.Open.Families, open.Families);
        Assert.True(open.RouteRefresh && open.FourOctetAs);
    }

    [Theory]
    [InlineData(3, 0, BgpErrorCode.UnsupportedVersion)]
    [InlineData(4, 1, BgpErrorCode.UnacceptableHoldTime)]
    public void Open_BadVersionOrHoldTime_OpenError(byte version, ushort holdTime, byte subcode)
    {
        var bytes = BgpSamples.Bytes((BgpSamples.Open with { Version = version, HoldTime = holdTime }).Write);

        Assert.False(BgpOpen.TryParse(BgpSamples.Body(bytes), out _, out var error));

        Assert.Equal(BgpError.Open(subcode, error.Offset), error);
    }

    [Fact]
    public void Notification_RoundTrip()
    {
        var bytes = BgpSamples.Bytes(new BgpNotification(BgpErrorCode.UpdateMessage, BgpErrorCode.MalformedAsPath, [9]).Write);

        Assert.True(BgpNotification.TryParse(BgpSamples.Body(bytes), out var notification));

        Assert.Equal("UPDATE error: malformed AS_PATH", notification.Description);
        Assert.Equal([9], notification.Data);
    }

    [Fact]
    public void Validate_InvalidOrigin_TreatAsWithdrawAndRoutesComeBackWithdrawn()
    {
        var body = Body([[0x40, 1, 1, 3], s_asPath, s_nextHop], s_nlri);

        Assert.True(BgpUpdate.TryDecode(body, true, out var update, out var verdict));

        Assert.Equal(BgpUpdateAction.TreatAsWithdraw, verdict.Action);
        Assert.Equal(BgpErrorCode.InvalidOrigin, verdict.Error.Subcode);
        Assert.Empty(update.Nlri);
        Assert.Equal([BgpPrefix.Parse("198.51.100.7/32")], update.Withdrawn);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 8, 3, 1, 2, 3 }, BgpUpdateAction.TreatAsWithdraw)]         // communities not a multiple of 4
    [InlineData(new byte[] { 0xC0, 16, 4, 1, 2, 3, 4 }, BgpUpdateAction.TreatAsWithdraw)]     // extended communities not a multiple of 8
    [InlineData(new byte[] { 0x40, 6, 1, 0 }, BgpUpdateAction.AttributeDiscard)]              // ATOMIC_AGGREGATE with a value
    [InlineData(new byte[] { 0xC0, 7, 3, 0, 0, 0 }, BgpUpdateAction.AttributeDiscard)]        // AGGREGATOR of the wrong length
    [InlineData(new byte[] { 0x40, 99, 1, 0 }, BgpUpdateAction.SessionReset)]                 // unknown well-known attribute
    [InlineData(new byte[] { 0xC0, 99, 1, 0 }, BgpUpdateAction.Accept)]                       // unknown optional transitive: passed over
    [InlineData(new byte[] { 0x80, 8, 4, 1, 2, 3, 4 }, BgpUpdateAction.TreatAsWithdraw)]      // communities flagged non-transitive: flags error
    [InlineData(new byte[] { 0x40, 4, 4, 0, 0, 0, 1 }, BgpUpdateAction.TreatAsWithdraw)]      // MED flagged well-known: flags error
    [InlineData(new byte[] { 0x80, 6, 0 }, BgpUpdateAction.AttributeDiscard)]                 // ATOMIC_AGGREGATE flagged optional: discarded
    [InlineData(new byte[] { 0x80, 4, 2, 0, 1 }, BgpUpdateAction.TreatAsWithdraw)]            // MED of the wrong length
    [InlineData(new byte[] { 0x40, 1, 1, 0 }, BgpUpdateAction.AttributeDiscard)]              // duplicate ORIGIN: later copy discarded
    public void Validate_OneBrokenAttribute_Rfc7606Action(byte[] attribute, BgpUpdateAction expected)
    {
        var body = Body([s_origin, s_asPath, s_nextHop, attribute], s_nlri);

        var verdict = BgpUpdateValidator.Validate(body, fourOctetAs: true);

        Assert.Equal(expected, verdict.Action);
    }

    [Fact]
    public void Validate_AsPathSegmentOfZeroAses_TreatAsWithdraw() =>
        Assert.Equal(BgpUpdateAction.TreatAsWithdraw,
            BgpUpdateValidator.Validate(Body([s_origin, [0x40, 2, 2, 2, 0], s_nextHop], s_nlri), true).Action);

    [Fact]
    public void Validate_MissingNextHop_TreatAsWithdraw()
    {
        var verdict = BgpUpdateValidator.Validate(Body([s_origin, s_asPath], s_nlri), true);

        Assert.Equal(new BgpUpdateVerdict(BgpUpdateAction.TreatAsWithdraw, BgpError.Update(BgpErrorCode.MissingWellKnownAttribute, 4)), verdict);
    }

    [Fact]
    public void Validate_AttributeRunsPastItsField_TreatAsWithdraw()
    {
        var verdict = BgpUpdateValidator.Validate(Body([s_origin, s_asPath, s_nextHop, [0xC0, 8, 40, 0, 0]], s_nlri), true);

        Assert.Equal(BgpUpdateAction.TreatAsWithdraw, verdict.Action);
        Assert.Equal(BgpErrorCode.AttributeLengthError, verdict.Error.Subcode);
    }

    [Fact]
    public void Validate_TotalAttributeLengthPastMessage_SessionReset()
    {
        var body = Body([s_origin], []);
        body[3] = 200;

        Assert.Equal(BgpUpdateAction.SessionReset, BgpUpdateValidator.Validate(body, true).Action);
    }

    [Fact]
    public void Validate_NlriPrefixLongerThan32_SessionReset() =>
        Assert.Equal(BgpUpdateAction.SessionReset, BgpUpdateValidator.Validate(Body([s_origin, s_asPath, s_nextHop], [33, 1, 2, 3, 4, 5]), true).Action);

    [Fact]
    public void Validate_DuplicateMpReach_SessionReset()
    {
        var reach = MpReachFlow(BgpSamples.SynFlood.ToBytes());

        Assert.Equal(BgpUpdateAction.SessionReset, BgpUpdateValidator.Validate(Body([s_origin, s_asPath, reach, reach], []), true).Action);
    }

    [Fact]
    public void Validate_FlowSpecComponentsOutOfOrder_TreatAsWithdraw()
    {
        var verdict = BgpUpdateValidator.Validate(Body([s_origin, s_asPath, MpReachFlow(Convert.FromHexString("06038106038111"))], []), true);

        Assert.Equal(BgpUpdateAction.TreatAsWithdraw, verdict.Action);
    }

    [Fact]
    public void Validate_FlowSpecNlriLengthPastAttribute_SessionReset()
    {
        var verdict = BgpUpdateValidator.Validate(Body([s_origin, s_asPath, MpReachFlow(Convert.FromHexString("0B0118C00002"))], []), true);

        Assert.Equal(BgpUpdateAction.SessionReset, verdict.Action);
    }

    [Fact]
    public void Validate_AndWalk_AllocateNothing()
    {
        var body = BgpSamples.Body(BgpSamples.Bytes(w => BgpSamples.FlowSpecUpdate.Write(w, true))).ToArray();
        Walk(body);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var components = 0;
        for (var i = 0; i < 100; i++)
        {
            components += Walk(body);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(100 * 15, components);
    }

    /// <summary>Validates, then counts FlowSpec components the way a receiver would walk them.</summary>
    internal static int Walk(ReadOnlySpan<byte> body)
    {
        if (!BgpUpdateValidator.Validate(body, true).IsAccept || !BgpUpdateReader.TryLocate(body, out var update, out _))
        {
            return -1;
        }

        var count = 0;
        var attributes = new BgpAttributeReader(update.Attributes);
        while (attributes.TryRead(out var attribute))
        {
            if (attribute.Type != (byte)BgpAttributeType.MpReachNlri)
            {
                continue;
            }

            var nlri = new FlowSpecNlriReader(attribute.Value[(5 + attribute.Value[3])..], ipv6: false);
            while (nlri.TryReadNlri(out var rule))
            {
                var reader = new FlowSpecComponentReader(rule, ipv6: false);
                while (reader.TryRead(out _))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static byte[] MpReachFlow(byte[] nlri) => [0x90, 14, 0, (byte)(5 + nlri.Length), 0, 1, 133, 0, 0, .. nlri];

    private static byte[] Body(byte[][] attributes, byte[] nlri)
    {
        var field = attributes.SelectMany(a => a).ToArray();
        return [0, 0, (byte)(field.Length >> 8), (byte)field.Length, .. field, .. nlri];
    }

    private static BgpUpdate Sample(string name) => name switch
    {
        "blackhole" => BgpSamples.BlackholeUpdate,
        "blackhole6" => BgpSamples.Blackhole6Update,
        "flowspec" => BgpSamples.FlowSpecUpdate,
        "flowspec6" => BgpSamples.FlowSpec6Update,
        _ => BgpSamples.Withdraw,
    };
}
