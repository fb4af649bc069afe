using System.Buffers;
using System.Buffers.Binary;

namespace Breakwater.Wire.Bgp;

/// <summary>
/// Cuts BGP messages out of a TCP byte stream (RFC 4271 §4.1):
/// <code>
///  0                   1                   2                   3
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                          Marker (16 x 0xFF)                   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |          Length (19..4096)    |      Type     |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// A wrong marker byte, a length outside the bounds of its type or an unknown type is rejected as soon as the byte
/// that shows it has arrived, never after waiting for a body that a hostile peer may never send.
/// </summary>
public static class BgpFraming
{
    public const int MarkerLength = 16;
    public const int HeaderLength = 19;
    public const int MaxMessageLength = 4096;

    /// <summary>
    /// Takes one whole message off the front of <paramref name="buffer"/>. Returns true with the message (header
    /// included) and <paramref name="buffer"/> moved past it; false with <paramref name="error"/> empty when more bytes
    /// are needed (nothing consumed), or false with a Message Header Error when the stream is unusable.
    /// </summary>
    public static bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> message, out BgpError error)
    {
        message = default;
        Span<byte> header = stackalloc byte[HeaderLength];
        var available = (int)Math.Min(buffer.Length, HeaderLength);
        buffer.Slice(0, available).CopyTo(header);
        error = CheckHeader(header[..available]);
        if (!error.IsNone || available < HeaderLength)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(header[MarkerLength..]);
        if (buffer.Length < length)
        {
            return false;
        }

        message = buffer.Slice(0, length);
        buffer = buffer.Slice(length);
        return true;
    }

    /// <summary>Single-span form of <see cref="TryReadMessage(ref ReadOnlySequence{byte}, out ReadOnlySequence{byte}, out BgpError)"/>.</summary>
    public static bool TryReadMessage(ReadOnlySpan<byte> buffer, out int messageLength, out BgpError error)
    {
        messageLength = 0;
        error = CheckHeader(buffer[..Math.Min(buffer.Length, HeaderLength)]);
        if (!error.IsNone || buffer.Length < HeaderLength)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer[MarkerLength..]);
        if (buffer.Length < length)
        {
            return false;
        }

        messageLength = length;
        return true;
    }

    /// <summary>Checks as much of a header as has arrived; an empty result means "fine so far".</summary>
    public static BgpError CheckHeader(ReadOnlySpan<byte> partial)
    {
        var markerBytes = Math.Min(partial.Length, MarkerLength);
        var bad = partial[..markerBytes].IndexOfAnyExcept((byte)0xFF);
        if (bad >= 0)
        {
            return BgpError.Header(BgpErrorCode.ConnectionNotSynchronized, bad);
        }

        if (partial.Length < MarkerLength + 2)
        {
            // The high byte alone can already prove a length too large.
            if (partial.Length == MarkerLength + 1 && partial[MarkerLength] > (MaxMessageLength >> 8))
            {
                return BgpError.Header(BgpErrorCode.BadMessageLength, MarkerLength);
            }

            return BgpError.None;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(partial[MarkerLength..]);
        if (length < HeaderLength || length > MaxMessageLength)
        {
            return BgpError.Header(BgpErrorCode.BadMessageLength, MarkerLength);
        }

        if (partial.Length < HeaderLength)
        {
            return BgpError.None;
        }

        var (min, max) = (BgpMessageType)partial[HeaderLength - 1] switch
        {
            BgpMessageType.Open => (29, MaxMessageLength),
            BgpMessageType.Update => (23, MaxMessageLength),
            BgpMessageType.Notification => (21, MaxMessageLength),
            BgpMessageType.Keepalive => (19, 19),
            BgpMessageType.RouteRefresh => (23, 23),
            _ => (-1, -1),
        };
        if (min < 0)
        {
            return BgpError.Header(BgpErrorCode.BadMessageType, HeaderLength - 1);
        }

        return length < min || length > max ? BgpError.Header(BgpErrorCode.BadMessageLength, MarkerLength) : BgpError.None;
    }

    /// <summary>Writes the 19-byte header for a message of <paramref name="length"/> bytes in total.</summary>
    public static void WriteHeader(Span<byte> destination, int length, BgpMessageType type)
    {
        destination[..MarkerLength].Fill(0xFF);
        BinaryPrimitives.WriteUInt16BigEndian(destination[MarkerLength..], checked((ushort)length));
        destination[HeaderLength - 1] = (byte)type;
    }

    /// <summary>Message type of a framed message.</summary>
    public static BgpMessageType TypeOf(ReadOnlySpan<byte> message) => (BgpMessageType)message[HeaderLength - 1];
}
