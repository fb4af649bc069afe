using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// The three fields of an UPDATE body (RFC 4271 §4.3), located without copying:
/// <code>
/// withdrawn-routes-length(2) withdrawn-routes(variable)
/// total-path-attribute-length(2) path-attributes(variable)
/// NLRI(rest)
/// </code>
/// </summary>
public readonly ref struct BgpUpdateReader
{
    private BgpUpdateReader(ReadOnlySpan<byte> withdrawn, ReadOnlySpan<byte> attributes, ReadOnlySpan<byte> nlri, int attributesOffset)
    {
        Withdrawn = withdrawn;
        Attributes = attributes;
        Nlri = nlri;
        AttributesOffset = attributesOffset;
    }

    public ReadOnlySpan<byte> Withdrawn { get; }

    public ReadOnlySpan<byte> Attributes { get; }

    public ReadOnlySpan<byte> Nlri { get; }

    /// <summary>Where the attribute field starts within the body.</summary>
    public int AttributesOffset { get; }

    /// <summary>Locates the fields; a length that runs past the body cannot be recovered from (session reset, RFC 7606 §4).</summary>
    public static bool TryLocate(ReadOnlySpan<byte> body, out BgpUpdateReader reader, out BgpError error)
    {
        reader = default;
        error = BgpError.None;
        if (body.Length < 4)
        {
            error = BgpError.Update(BgpErrorCode.MalformedAttributeList, 0);
            return false;
        }

        int withdrawnLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (2 + withdrawnLength + 2 > body.Length)
        {
            error = BgpError.Update(BgpErrorCode.MalformedAttributeList, 0);
            return false;
        }

        var attributesAt = 2 + withdrawnLength + 2;
        int attributesLength = BinaryPrimitives.ReadUInt16BigEndian(body[(2 + withdrawnLength)..]);
        if (attributesAt + attributesLength > body.Length)
        {
            error = BgpError.Update(BgpErrorCode.MalformedAttributeList, 2 + withdrawnLength);
            return false;
        }

        reader = new BgpUpdateReader(
            body.Slice(2, withdrawnLength),
            body.Slice(attributesAt, attributesLength),
            body[(attributesAt + attributesLength)..],
            attributesAt);
        return true;
    }

    /// <summary>Checks a field of length-prefixed prefixes (RFC 4271 §4.3) and counts them.</summary>
    public static bool TryCountPrefixes(ReadOnlySpan<byte> field, int maxLength, out int count)
    {
        count = 0;
        var at = 0;
        while (at < field.Length)
        {
            var length = field[at];
            var bytes = (length + 7) / 8;
            if (length > maxLength || at + 1 + bytes > field.Length)
            {
                return false;
            }

            at += 1 + bytes;
            count++;
        }

        return true;
    }
}
