using System.IO.Compression;
using Breakwater.Wire;

namespace Breakwater.Ingest;

public sealed partial class CaptureFileReader
{
    private const byte GzipMagic1 = 0x1F;
    private const byte GzipMagic2 = 0x8B;

    /// <summary>Every way a capture can start, as bytes on disk: pcap µs and ns in both orders, pcapng.</summary>
    private static readonly byte[][] s_magics =
    [
        [0xD4, 0xC3, 0xB2, 0xA1],
        [0xA1, 0xB2, 0xC3, 0xD4],
        [0x4D, 0x3C, 0xB2, 0xA1],
        [0xA1, 0xB2, 0x3C, 0x4D],
        [0x0A, 0x0D, 0x0D, 0x0A],
    ];

    private void ReadFileHeader()
    {
        FillAtLeast(PcapFile.HeaderLength);
        if (_end >= 2 && _buffer[0] == GzipMagic1 && _buffer[1] == GzipMagic2)
        {
            if (!_file.CanSeek)
            {
                throw new CaptureFormatException($"{_name} is gzip-compressed but cannot be rewound to decompress it.");
            }

            _file.Seek(0, SeekOrigin.Begin);
            _stream = new GZipStream(_file, CompressionMode.Decompress, leaveOpen: true);
            Compressed = true;
            _start = 0;
            _end = 0;
            _bufferOffset = 0;
            _endOfStream = false;
            FillAtLeast(PcapFile.HeaderLength);
        }

        var start = new ReadOnlySpan<byte>(_buffer, 0, _end);
        if (start.IsEmpty)
        {
            throw new CaptureFormatException(Compressed
                ? $"{_name} is gzip-compressed but decompresses to nothing: it is empty or cut short."
                : $"{_name} is empty: a pcap or pcapng file starts with a header.");
        }

        if (start.Length < 4)
        {
            if (!IsPrefixOfMagic(start))
            {
                throw NotACapture(start);
            }

            // A capture cut inside its magic: nothing to read, but it is a capture.
            Stats.Truncated = true;
            _done = true;
            return;
        }

        if (PcapFile.IsMagic(start))
        {
            Format = CaptureFormat.Pcap;
            var result = PcapFile.TryReadHeader(start, out _pcap);
            if (result.Status == CaptureReadStatus.NeedMore)
            {
                Stats.Truncated = true;
                _done = true;
                return;
            }

            _start = result.Consumed;
            if (!PacketDecoder.IsSupported(_pcap.LinkType))
            {
                throw UnsupportedLinkType((uint)_pcap.LinkType);
            }

            return;
        }

        if (PcapngFile.IsMagic(start))
        {
            Format = CaptureFormat.Pcapng;
            ReadLeadingPcapngBlocks();
            return;
        }

        throw NotACapture(start);
    }

    /// <summary>Reads the section and interface blocks before the first packet, so an unusable file fails at open.</summary>
    private void ReadLeadingPcapngBlocks()
    {
        while (true)
        {
            var result = PcapngFile.TryReadBlock(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _pcapng, out _, out var isPacket);
            if (result.Status == CaptureReadStatus.Ok && !isPacket)
            {
                _start += result.Consumed;
                continue;
            }

            if (result.Status == CaptureReadStatus.NeedMore && !_endOfStream && _end - _start < _buffer.Length)
            {
                Fill();
                continue;
            }

            // A packet, a damaged block or the end: Read reports those.
            break;
        }

        if (_pcapng.InterfaceCount == 0)
        {
            return;
        }

        for (var i = 0; i < _pcapng.InterfaceCount; i++)
        {
            if (PacketDecoder.IsSupported(_pcapng.GetInterface(i).LinkType))
            {
                return;
            }
        }

        throw UnsupportedLinkType((uint)_pcapng.GetInterface(0).LinkType);
    }

    private void FillAtLeast(int count)
    {
        while (_end - _start < count && !_endOfStream)
        {
            Fill();
        }
    }

    private static bool IsPrefixOfMagic(ReadOnlySpan<byte> start)
    {
        foreach (var magic in s_magics)
        {
            if (magic.AsSpan().StartsWith(start))
            {
                return true;
            }
        }

        return false;
    }

    private CaptureFormatException NotACapture(ReadOnlySpan<byte> start)
    {
        var shown = start[..Math.Min(4, start.Length)];
        var what = Compressed ? $"{_name} decompresses to something that is not a pcap or pcapng file" : $"{_name} is not a pcap or pcapng file";
        return new CaptureFormatException(
            $"{what}: it starts with 0x{Convert.ToHexStringLower(shown)}, expected a pcap magic (a1b2c3d4, a1b23c4d) or a pcapng section header (0a0d0d0a).");
    }

    private CaptureFormatException UnsupportedLinkType(uint linkType)
    {
        var name = LinkTypeNames.NameOf(linkType);
        var shown = name is null ? linkType.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{linkType} ({name})";
        return new CaptureFormatException(
            $"{_name} uses link type {shown}, which Breakwater cannot decode; supported are Ethernet (1), raw IP (101, 228, 229), "
            + "Linux cooked capture (113, 276) and BSD loopback (0, 108).");
    }
}
