using System.Buffers.Binary;
using System.Globalization;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// FlowSpec actions as 8-octet extended communities (RFC 8955 §7): traffic-rate in bytes/s as an IEEE float
/// (0 = discard), traffic-action, redirect to a VRF route target, and DSCP marking. Stored as the 64-bit value in
/// network order (type high octet first).
/// </summary>
public static class FlowSpecAction
{
    public const ushort TrafficRateBytesType = 0x8006;
    public const ushort TrafficActionType = 0x8007;
    public const ushort RedirectAs2Type = 0x8008;
    public const ushort RedirectIpv4Type = 0x8108;
    public const ushort RedirectAs4Type = 0x8208;
    public const ushort TrafficMarkingType = 0x8009;

    /// <summary>traffic-rate-bytes 0: drop everything that matches.</summary>
    public static ulong Discard => TrafficRate(0, 0f);

    /// <summary>Limit matching traffic to <paramref name="bytesPerSecond"/>; <paramref name="asn"/> is informational.</summary>
    public static ulong TrafficRate(ushort asn, float bytesPerSecond) =>
        ((ulong)TrafficRateBytesType << 48) | ((ulong)asn << 32) | BitConverter.SingleToUInt32Bits(bytesPerSecond);

    /// <summary>traffic-action: S bit (sample) and T bit (terminal action) in the last octet.</summary>
    public static ulong TrafficAction(bool sample, bool terminal) =>
        ((ulong)TrafficActionType << 48) | (sample ? 2UL : 0) | (terminal ? 1UL : 0);

    /// <summary>Redirect into the VRF with route target ASN:value (2-octet AS form).</summary>
    public static ulong Redirect(ushort asn, uint value) => ((ulong)RedirectAs2Type << 48) | ((ulong)asn << 32) | value;

    /// <summary>Redirect into the VRF with route target ASN:value (4-octet AS form).</summary>
    public static ulong Redirect4(uint asn, ushort value) => ((ulong)RedirectAs4Type << 48) | ((ulong)asn << 16) | value;

    /// <summary>Set the DSCP field of matching packets (6 bits).</summary>
    public static ulong MarkDscp(byte dscp) => ((ulong)TrafficMarkingType << 48) | (byte)(dscp & 0x3F);

    public static ushort TypeOf(ulong community) => (ushort)(community >> 48);

    public static bool IsFlowSpecAction(ulong community) =>
        TypeOf(community) is TrafficRateBytesType or TrafficActionType or RedirectAs2Type or RedirectIpv4Type or RedirectAs4Type or TrafficMarkingType;

    public static void Write(Span<byte> destination, ulong community) => BinaryPrimitives.WriteUInt64BigEndian(destination, community);

    public static string Describe(ulong community) => TypeOf(community) switch
    {
        TrafficRateBytesType when BitConverter.UInt32BitsToSingle((uint)community) == 0f => "discard",
        TrafficRateBytesType => "rate-limit " + BitConverter.UInt32BitsToSingle((uint)community).ToString("0.###", CultureInfo.InvariantCulture) + " B/s",
        TrafficActionType => $"traffic-action{((community & 2) != 0 ? " sample" : string.Empty)}{((community & 1) != 0 ? " terminal" : string.Empty)}",
        RedirectAs2Type => $"redirect {(ushort)(community >> 32)}:{(uint)community}",
        RedirectAs4Type => $"redirect {(uint)(community >> 16)}:{(ushort)community}",
        RedirectIpv4Type => $"redirect {NetAddress.FromV4((uint)(community >> 16))}:{(ushort)community}",
        TrafficMarkingType => $"mark dscp {community & 0x3F}",
        _ => $"extended community 0x{community:x16}",
    };
}
