using System.Buffers;
using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// OPEN (RFC 4271 §4.2) with the capabilities Breakwater speaks (RFC 5492): multiprotocol (code 1, RFC 4760),
/// route refresh (code 2, RFC 2918) and 4-octet AS numbers (code 65, RFC 6793).
/// <code>
/// version(1) my-AS(2) hold-time(2) BGP-identifier(4) opt-param-len(1) { param-type(1) len(1) value }*
/// capability parameter (type 2): { code(1) len(1) value }*
/// </code>
/// </summary>
public sealed record BgpOpen
{
    public const byte Version4 = 4;

    /// <summary>AS_TRANS (RFC 6793): the 2-octet My AS field of a speaker whose AS does not fit.</summary>
    public const ushort AsTrans = 23456;

    private const byte CapabilitiesParameter = 2;
    private const byte CapabilityMultiprotocol = 1;
    private const byte CapabilityRouteRefresh = 2;
    private const byte CapabilityFourOctetAs = 65;

    public byte Version { get; init; } = Version4;

    /// <summary>The speaker's AS (from the 4-octet capability when present).</summary>
    public uint AsNumber { get; init; }

    public ushort HoldTime { get; init; }

    /// <summary>BGP identifier in host order (192.0.2.1 = 0xC0000201).</summary>
    public uint BgpIdentifier { get; init; }

    public IReadOnlyList<BgpFamily> Families { get; init; } = [];

    public bool RouteRefresh { get; init; }

    public bool FourOctetAs { get; init; }

    /// <summary>Capability codes present that Breakwater does not use (kept for diagnostics).</summary>
    public IReadOnlyList<byte> OtherCapabilities { get; init; } = [];

    public void Write(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(BgpFraming.MaxMessageLength);
        var body = span[BgpFraming.HeaderLength..];
        body[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(body[1..], AsNumber > ushort.MaxValue ? AsTrans : (ushort)AsNumber);
        BinaryPrimitives.WriteUInt16BigEndian(body[3..], HoldTime);
        BinaryPrimitives.WriteUInt32BigEndian(body[5..], BgpIdentifier);
        var caps = body[12..];
        var at = 0;
        foreach (var family in Families)
        {
            caps[at++] = CapabilityMultiprotocol;
            caps[at++] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(caps[at..], family.Afi);
            caps[at + 2] = 0;
            caps[at + 3] = family.Safi;
            at += 4;
        }

        if (RouteRefresh)
        {
            caps[at++] = CapabilityRouteRefresh;
            caps[at++] = 0;
        }

        if (FourOctetAs)
        {
            caps[at++] = CapabilityFourOctetAs;
            caps[at++] = 4;
            BinaryPrimitives.WriteUInt32BigEndian(caps[at..], AsNumber);
            at += 4;
        }

        body[9] = (byte)(at + 2);
        body[10] = CapabilitiesParameter;
        body[11] = (byte)at;
        var length = BgpFraming.HeaderLength + 12 + at;
        BgpFraming.WriteHeader(span, length, BgpMessageType.Open);
        writer.Advance(length);
    }

    /// <summary>Decodes the body (after the header); errors are the OPEN Message Errors a NOTIFICATION reports.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out BgpOpen open, out BgpError error)
    {
        open = new BgpOpen();
        error = BgpError.None;
        if (body.Length < 10 || body.Length != 10 + body[9])
        {
            error = BgpError.Header(BgpErrorCode.BadMessageLength);
            return false;
        }

        if (body[0] != Version4)
        {
            error = BgpError.Open(BgpErrorCode.UnsupportedVersion, 0);
            return false;
        }

        var holdTime = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        if (holdTime is 1 or 2)
        {
            error = BgpError.Open(BgpErrorCode.UnacceptableHoldTime, 3);
            return false;
        }

        var identifier = BinaryPrimitives.ReadUInt32BigEndian(body[5..]);
        if (identifier == 0)
        {
            error = BgpError.Open(BgpErrorCode.BadBgpIdentifier, 5);
            return false;
        }

        uint asNumber = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        var families = new List<BgpFamily>();
        var others = new List<byte>();
        var routeRefresh = false;
        var fourOctet = false;
        var parameters = body[10..];
        while (parameters.Length > 0)
        {
            if (parameters.Length < 2 || parameters.Length < 2 + parameters[1])
            {
                error = BgpError.Open(0, body.Length - parameters.Length);
                return false;
            }

            var value = parameters.Slice(2, parameters[1]);
            if (parameters[0] != CapabilitiesParameter)
            {
                error = BgpError.Open(BgpErrorCode.UnsupportedOptionalParameter, body.Length - parameters.Length);
                return false;
            }

            while (value.Length > 0)
            {
                if (value.Length < 2 || value.Length < 2 + value[1])
                {
                    error = BgpError.Open(0, body.Length - value.Length);
                    return false;
                }

                var capability = value.Slice(2, value[1]);
                switch (value[0])
                {
                    case CapabilityMultiprotocol when capability.Length == 4:
                        families.Add(new BgpFamily(BinaryPrimitives.ReadUInt16BigEndian(capability), capability[3]));
                        break;
                    case CapabilityRouteRefresh:
                        routeRefresh = true;
                        break;
                    case CapabilityFourOctetAs when capability.Length == 4:
                        fourOctet = true;
                        asNumber = BinaryPrimitives.ReadUInt32BigEndian(capability);
                        break;
                    default:
                        others.Add(value[0]);
                        break;
                }

                value = value[(2 + value[1])..];
            }

            parameters = parameters[(2 + parameters[1])..];
        }

        open = new BgpOpen
        {
            Version = body[0],
            AsNumber = asNumber,
            HoldTime = holdTime,
            BgpIdentifier = identifier,
            Families = families,
            RouteRefresh = routeRefresh,
            FourOctetAs = fourOctet,
            OtherCapabilities = others,
        };
        return true;
    }
}
