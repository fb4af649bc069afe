using System.Buffers.Binary;

namespace Breakwater.Wire;

/// <summary>
/// Classic pcap framing (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html): pure functions on spans.
/// </summary>
public static class PcapFile
{
    public const int HeaderLength = 24;
    public const int RecordHeaderLength = 16;

    /// <summary>Largest captured length accepted in one record (libpcap's own MAXIMUM_SNAPLEN).</summary>
    public const int MaxCapturedLength = 262_144;

    public const uint MagicMicroseconds = 0xA1B2C3D4;
    public const uint MagicNanoseconds = 0xA1B23C4D;

    // File header:
    //  0             4               6               8            12          16            20
    // | magic (4)   | major (2)     | minor (2)     | reserved1  | reserved2 | snaplen (4) | FCS bits + link type (4) |
    private const int VersionMajorOffset = 4;
    private const int VersionMinorOffset = 6;
    private const int SnapLengthOffset = 16;
    private const int LinkTypeOffset = 20;

    // Record header:
    //  0                  4                         8                  12
    // | seconds (4)      | microseconds or nanos (4) | captured length | original length | data …
    private const int SubsecondOffset = 4;
    private const int CapturedLengthOffset = 8;
    private const int OriginalLengthOffset = 12;

    /// <summary>True when the first four bytes are a pcap magic in either byte order.</summary>
    public static bool IsMagic(ReadOnlySpan<byte> start)
    {
        if (start.Length < 4)
        {
            return false;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(start);
        var swapped = BinaryPrimitives.ReverseEndianness(magic);
        return magic is MagicMicroseconds or MagicNanoseconds || swapped is MagicMicroseconds or MagicNanoseconds;
    }

    public static CaptureReadResult TryReadHeader(ReadOnlySpan<byte> buffer, out PcapHeader header)
    {
        header = default;
        if (buffer.Length < HeaderLength)
        {
            return CaptureReadResult.NeedMore;
        }

        var little = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        var big = BinaryPrimitives.ReadUInt32BigEndian(buffer);
        bool bigEndian;
        bool nanosecond;
        if (little is MagicMicroseconds or MagicNanoseconds)
        {
            bigEndian = false;
            nanosecond = little == MagicNanoseconds;
        }
        else if (big is MagicMicroseconds or MagicNanoseconds)
        {
            bigEndian = true;
            nanosecond = big == MagicNanoseconds;
        }
        else
        {
            return CaptureReadResult.Malformed(MalformedReason.BadMagic);
        }

        var linkField = ReadUInt32(buffer[LinkTypeOffset..], bigEndian);
        header = new PcapHeader(
            bigEndian,
            nanosecond,
            ReadUInt16(buffer[VersionMajorOffset..], bigEndian),
            ReadUInt16(buffer[VersionMinorOffset..], bigEndian),
            ReadUInt32(buffer[SnapLengthOffset..], bigEndian),

            // The upper bits carry FCS information; the link type is the low 16 bits.
            (LinkType)(linkField & 0xFFFF));
        return CaptureReadResult.Ok(HeaderLength);
    }

    /// <summary>
    /// Frames the record at the start of <paramref name="buffer"/>. A captured length above
    /// <see cref="MaxCapturedLength"/> is rejected before waiting for its data, so no huge buffer is ever needed.
    /// </summary>
    public static CaptureReadResult TryReadRecord(ReadOnlySpan<byte> buffer, in PcapHeader header, out CapturedFrame frame)
    {
        frame = default;
        if (buffer.Length < RecordHeaderLength)
        {
            return CaptureReadResult.NeedMore;
        }

        var bigEndian = header.BigEndian;
        var capturedLength = ReadUInt32(buffer[CapturedLengthOffset..], bigEndian);
        if (capturedLength > MaxCapturedLength)
        {
            return CaptureReadResult.Malformed(MalformedReason.CapturedLengthOverLimit);
        }

        var total = RecordHeaderLength + (int)capturedLength;
        if (buffer.Length < total)
        {
            return CaptureReadResult.NeedMore;
        }

        var seconds = ReadUInt32(buffer, bigEndian);
        var subsecond = ReadUInt32(buffer[SubsecondOffset..], bigEndian);
        var nanos = (seconds * 1_000_000_000L) + (header.Nanosecond ? subsecond : subsecond * 1_000L);

        // Some writers leave the original length 0; a frame is never shorter than what was captured of it.
        var originalLength = Math.Max(ReadUInt32(buffer[OriginalLengthOffset..], bigEndian), capturedLength);
        frame = new CapturedFrame(header.LinkType, nanos, originalLength, buffer.Slice(RecordHeaderLength, (int)capturedLength));
        return CaptureReadResult.Ok(total);
    }

    internal static uint ReadUInt32(ReadOnlySpan<byte> span, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

    internal static ushort ReadUInt16(ReadOnlySpan<byte> span, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
}
