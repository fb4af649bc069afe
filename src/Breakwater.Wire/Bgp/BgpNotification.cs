using System.Buffers;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// NOTIFICATION (RFC 4271 §4.5): error code, subcode, data. The session closes after sending or receiving one.
/// </summary>
public sealed record BgpNotification(byte Code, byte Subcode, byte[] Data)
{
    public BgpNotification(BgpError error)
        : this(error.Code, error.Subcode, [])
    {
    }

    public string Description => BgpErrorCode.Describe(Code, Subcode);

    /// <summary>Decodes the body (after the header).</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, out BgpNotification notification)
    {
        if (body.Length < 2)
        {
            notification = new BgpNotification(0, 0, []);
            return false;
        }

        notification = new BgpNotification(body[0], body[1], body[2..].ToArray());
        return true;
    }

    public void Write(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = BgpFraming.HeaderLength + 2 + Data.Length;
        var span = writer.GetSpan(length);
        BgpFraming.WriteHeader(span, length, BgpMessageType.Notification);
        span[19] = Code;
        span[20] = Subcode;
        Data.CopyTo(span[21..]);
        writer.Advance(length);
    }
}
