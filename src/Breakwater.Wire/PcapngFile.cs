using System.Buffers.Binary;

namespace Breakwater.Wire;

/// <summary>
/// pcapng framing (draft-ietf-opsawg-pcapng): pure functions on spans plus a small <see cref="PcapngState"/>.
/// </summary>
public static class PcapngFile
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    public const uint InterfaceDescriptionType = 0x00000001;
    public const uint ObsoletePacketType = 0x00000002;
    public const uint SimplePacketType = 0x00000003;
    public const uint EnhancedPacketType = 0x00000006;
    public const uint ByteOrderMagic = 0x1A2B3C4D;

    /// <summary>Largest block accepted; anything longer is treated as corruption rather than allocated.</summary>
    public const int MaxBlockLength = 16 << 20;

    public const int MinBlockLength = 12;

    // Every block:
    //  0                4                     8             total-4
    // | block type (4) | block total length  | body …      | block total length (again) |
    private const int BlockLengthOffset = 4;
    private const int BodyOffset = 8;

    // Section Header Block body: | byte-order magic (4) | major (2) | minor (2) | section length (8) | options …
    private const int ByteOrderMagicOffset = 8;

    // Interface Description Block body: | link type (2) | reserved (2) | snap length (4) | options …
    private const int IdbLinkTypeOffset = 8;
    private const int IdbSnapLengthOffset = 12;
    private const int IdbOptionsOffset = 16;
    private const ushort OptionEnd = 0;
    private const ushort OptionTimestampResolution = 9;
    private const ushort OptionTimestampOffset = 14;

    // Enhanced Packet Block body:
    // | interface id (4) | timestamp high (4) | timestamp low (4) | captured length (4) | original length (4) | data … | options …
    private const int EpbInterfaceOffset = 8;
    private const int EpbTimestampHighOffset = 12;
    private const int EpbTimestampLowOffset = 16;
    private const int EpbCapturedLengthOffset = 20;
    private const int EpbOriginalLengthOffset = 24;
    private const int EpbDataOffset = 28;

    // Simple Packet Block body: | original length (4) | data … (captured length = min(original, snap length of interface 0))
    private const int SpbOriginalLengthOffset = 8;
    private const int SpbDataOffset = 12;

    /// <summary>True when the buffer starts with a Section Header Block type.</summary>
    public static bool IsMagic(ReadOnlySpan<byte> start) =>
        start.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(start) == SectionHeaderType;

    /// <summary>
    /// Reads the block at the start of <paramref name="buffer"/>, updating <paramref name="state"/> for section and
    /// interface blocks. <paramref name="isPacket"/> says whether <paramref name="frame"/> holds a packet (EPB/SPB);
    /// other blocks are consumed silently. A packet on an undeclared interface gets a link type no decoder supports.
    /// </summary>
    public static CaptureReadResult TryReadBlock(ReadOnlySpan<byte> buffer, PcapngState state, out CapturedFrame frame, out bool isPacket)
    {
        ArgumentNullException.ThrowIfNull(state);
        frame = default;
        isPacket = false;
        if (buffer.Length < MinBlockLength)
        {
            return CaptureReadResult.NeedMore;
        }

        var bigEndian = state.BigEndian;
        var type = PcapFile.ReadUInt32(buffer, bigEndian);
        if (BinaryPrimitives.ReadUInt32LittleEndian(buffer) == SectionHeaderType)
        {
            // The section's byte order is only known from its own byte-order magic.
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(buffer[ByteOrderMagicOffset..]);
            if (magic == ByteOrderMagic)
            {
                bigEndian = false;
            }
            else if (BinaryPrimitives.ReverseEndianness(magic) == ByteOrderMagic)
            {
                bigEndian = true;
            }
            else
            {
                return CaptureReadResult.Malformed(MalformedReason.BadMagic);
            }

            type = SectionHeaderType;
        }
        else if (!state.InSection)
        {
            return CaptureReadResult.Malformed(MalformedReason.BlockOutsideSection);
        }

        var length = PcapFile.ReadUInt32(buffer[BlockLengthOffset..], bigEndian);
        if (length < MinBlockLength || length > MaxBlockLength || (length & 3) != 0)
        {
            return CaptureReadResult.Malformed(MalformedReason.BlockLengthInvalid);
        }

        var total = (int)length;
        if (buffer.Length < total)
        {
            return CaptureReadResult.NeedMore;
        }

        var block = buffer[..total];
        if (PcapFile.ReadUInt32(block[(total - 4)..], bigEndian) != length)
        {
            return CaptureReadResult.Malformed(MalformedReason.BlockTrailerMismatch);
        }

        switch (type)
        {
            case SectionHeaderType:
                state.StartSection(bigEndian);
                break;
            case InterfaceDescriptionType:
                if (total < IdbOptionsOffset + 4)
                {
                    return CaptureReadResult.Malformed(MalformedReason.BlockTooShort);
                }

                state.AddInterface(ReadInterface(block, bigEndian));
                break;
            case EnhancedPacketType:
                return ReadEnhancedPacket(block, state, out frame, out isPacket);
            case SimplePacketType:
                return ReadSimplePacket(block, state, out frame, out isPacket);
            default:
                // Obsolete packet blocks, name resolution, statistics, custom and unknown blocks carry no packet we use.
                break;
        }

        return CaptureReadResult.Ok(total);
    }

    private static PcapngInterface ReadInterface(ReadOnlySpan<byte> block, bool bigEndian)
    {
        var linkType = (LinkType)PcapFile.ReadUInt16(block[IdbLinkTypeOffset..], bigEndian);
        var snapLength = PcapFile.ReadUInt32(block[IdbSnapLengthOffset..], bigEndian);
        var resolution = PcapngInterface.DefaultResolution;
        var offsetSeconds = 0L;

        // Options: | code (2) | length (2) | value, padded to 32 bits | … | opt_endofopt |
        var options = block[IdbOptionsOffset..^4];
        while (options.Length >= 4)
        {
            var code = PcapFile.ReadUInt16(options, bigEndian);
            var valueLength = PcapFile.ReadUInt16(options[2..], bigEndian);
            if (code == OptionEnd || options.Length < 4 + valueLength)
            {
                break;
            }

            var value = options.Slice(4, valueLength);
            if (code == OptionTimestampResolution && valueLength >= 1)
            {
                resolution = value[0];
            }
            else if (code == OptionTimestampOffset && valueLength >= 8)
            {
                offsetSeconds = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            }

            var padded = (4 + valueLength + 3) & ~3;
            options = options[Math.Min(padded, options.Length)..];
        }

        return new PcapngInterface(linkType, snapLength, resolution, offsetSeconds);
    }

    private static CaptureReadResult ReadEnhancedPacket(ReadOnlySpan<byte> block, PcapngState state, out CapturedFrame frame, out bool isPacket)
    {
        frame = default;
        isPacket = false;
        var bigEndian = state.BigEndian;
        if (block.Length < EpbDataOffset + 4)
        {
            return CaptureReadResult.Malformed(MalformedReason.BlockTooShort);
        }

        var capturedLength = PcapFile.ReadUInt32(block[EpbCapturedLengthOffset..], bigEndian);
        if (capturedLength > (uint)(block.Length - EpbDataOffset - 4))
        {
            return CaptureReadResult.Malformed(MalformedReason.CapturedLengthBeyondBlock);
        }

        var interfaceId = PcapFile.ReadUInt32(block[EpbInterfaceOffset..], bigEndian);
        var timestamp = ((ulong)PcapFile.ReadUInt32(block[EpbTimestampHighOffset..], bigEndian) << 32)
            | PcapFile.ReadUInt32(block[EpbTimestampLowOffset..], bigEndian);
        var nanos = interfaceId < (uint)state.InterfaceCount ? state.GetInterface((int)interfaceId).ToNanos(timestamp) : 0;
        var originalLength = Math.Max(PcapFile.ReadUInt32(block[EpbOriginalLengthOffset..], bigEndian), capturedLength);
        frame = new CapturedFrame(state.LinkTypeOf(interfaceId), nanos, originalLength, block.Slice(EpbDataOffset, (int)capturedLength));
        isPacket = true;
        return CaptureReadResult.Ok(block.Length);
    }

    private static CaptureReadResult ReadSimplePacket(ReadOnlySpan<byte> block, PcapngState state, out CapturedFrame frame, out bool isPacket)
    {
        frame = default;
        isPacket = false;
        if (block.Length < SpbDataOffset + 4)
        {
            return CaptureReadResult.Malformed(MalformedReason.BlockTooShort);
        }

        var originalLength = PcapFile.ReadUInt32(block[SpbOriginalLengthOffset..], state.BigEndian);
        var capturedLength = Math.Min(originalLength, (uint)(block.Length - SpbDataOffset - 4));
        if (state.InterfaceCount > 0)
        {
            var snapLength = state.GetInterface(0).SnapLength;
            if (snapLength != 0)
            {
                capturedLength = Math.Min(capturedLength, snapLength);
            }
        }

        // A simple packet carries no timestamp.
        frame = new CapturedFrame(state.LinkTypeOf(0), 0, originalLength, block.Slice(SpbDataOffset, (int)capturedLength));
        isPacket = true;
        return CaptureReadResult.Ok(block.Length);
    }
}
