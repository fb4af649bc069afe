using System.Buffers.Binary;
using System.Text;

namespace Breakwater.Outages.Probes;

/// <summary>
/// The two DNS messages a probe needs (RFC 1035 §4.1): a standard query for one name, and the header and answer count
/// of a response. Pure: spans in, results out.
/// </summary>
/// <remarks>
/// Header: ID(16) | QR(1) OPCODE(4) AA TC RD RA Z(3) RCODE(4) | QDCOUNT | ANCOUNT | NSCOUNT | ARCOUNT, then the
/// question: QNAME as length-prefixed labels ending in 0, QTYPE(16), QCLASS(16).
/// </remarks>
public static class DnsMessage
{
    public const int HeaderLength = 12;
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;

    /// <summary>Writes a recursive query for <paramref name="name"/>; returns the bytes written, or 0 when the name is not valid.</summary>
    public static int WriteQuery(Span<byte> destination, ushort id, string name, ushort type)
    {
        ArgumentNullException.ThrowIfNull(name);
        var labels = name.TrimEnd('.').Split('.');
        var length = HeaderLength + 1 + labels.Sum(l => l.Length + 1) + 4;
        if (destination.Length < length || name.Length > 253 || labels.Any(l => l.Length is 0 or > 63 || !Ascii.IsValid(l)))
        {
            return 0;
        }

        destination[..HeaderLength].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(destination, id);
        destination[2] = 0x01; // RD: ask the server to recurse
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], 1); // QDCOUNT
        var offset = HeaderLength;
        foreach (var label in labels)
        {
            destination[offset++] = (byte)label.Length;
            offset += Encoding.ASCII.GetBytes(label, destination[offset..]);
        }

        destination[offset++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], type);
        BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], 1); // class IN
        return offset + 4;
    }

    /// <summary>Reads a response header: false when it is too short or not a response.</summary>
    public static bool TryReadResponse(ReadOnlySpan<byte> message, out ushort id, out int rcode, out int answers, out bool truncated)
    {
        id = 0;
        rcode = 0;
        answers = 0;
        truncated = false;
        if (message.Length < HeaderLength || (message[2] & 0x80) == 0)
        {
            return false;
        }

        id = BinaryPrimitives.ReadUInt16BigEndian(message);
        truncated = (message[2] & 0x02) != 0;
        rcode = message[3] & 0x0F;
        answers = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        return true;
    }

    public static string RcodeName(int rcode) => rcode switch
    {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        _ => $"RCODE{rcode}",
    };
}
