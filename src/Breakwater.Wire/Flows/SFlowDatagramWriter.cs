using System.Buffers.Binary;

namespace Breakwater.Wire.Flows;

/// <summary>
/// Writes one sFlow v5 datagram of flow samples, each with a raw packet header record, as a switch's agent would
/// (layout in SFlowV5Decoder's summary). Used by <c>simulate --export sflow</c>.
/// </summary>
public ref struct SFlowDatagramWriter
{
    /// <summary>Bytes of packet header an agent copies by default.</summary>
    public const int DefaultHeaderBytes = 128;

    private readonly Span<byte> _destination;
    private readonly int _samplesOffset;
    private int _offset;
    private int _samples;

    public SFlowDatagramWriter(Span<byte> destination, NetAddress agent, uint subAgentId, uint sequence, uint uptimeMs)
    {
        _destination = destination;
        BinaryPrimitives.WriteUInt32BigEndian(destination, 5);
        if (agent.IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[4..], 1);
            BinaryPrimitives.WriteUInt32BigEndian(destination[8..], agent.V4);
            _offset = 12;
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[4..], 2);
            agent.WriteBytes(destination[8..]);
            _offset = 24;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[_offset..], subAgentId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(_offset + 4)..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(_offset + 8)..], uptimeMs);
        _samplesOffset = _offset + 12;
        _offset += 16;
    }

    public readonly int Samples => _samples;

    /// <summary>Room for one more sample with a header of <paramref name="headerLength"/> bytes?</summary>
    public readonly bool HasRoomFor(int headerLength) => _destination.Length - _offset >= SampleLength(Math.Min(headerLength, DefaultHeaderBytes));

    /// <summary>Adds a flow sample (format 0:1) holding one raw packet header record (format 0:1) of an Ethernet frame.</summary>
    public bool TryAddFlowSample(uint sampleSequence, uint sourceId, uint samplingRate, uint samplePool, uint drops, uint inputIfIndex,
        uint outputIfIndex, ReadOnlySpan<byte> frame, uint frameLength)
    {
        var header = frame[..Math.Min(frame.Length, DefaultHeaderBytes)];
        var sampleLength = SampleLength(header.Length);
        if (_destination.Length - _offset < sampleLength)
        {
            return false;
        }

        var padded = (header.Length + 3) & ~3;
        var d = _destination.Slice(_offset, sampleLength);
        d.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(d, 1);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], (uint)(sampleLength - 8));
        BinaryPrimitives.WriteUInt32BigEndian(d[8..], sampleSequence);
        BinaryPrimitives.WriteUInt32BigEndian(d[12..], sourceId);
        BinaryPrimitives.WriteUInt32BigEndian(d[16..], samplingRate);
        BinaryPrimitives.WriteUInt32BigEndian(d[20..], samplePool);
        BinaryPrimitives.WriteUInt32BigEndian(d[24..], drops);
        BinaryPrimitives.WriteUInt32BigEndian(d[28..], inputIfIndex);
        BinaryPrimitives.WriteUInt32BigEndian(d[32..], outputIfIndex);
        BinaryPrimitives.WriteUInt32BigEndian(d[36..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(d[40..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(d[44..], (uint)(16 + padded));
        BinaryPrimitives.WriteUInt32BigEndian(d[48..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(d[52..], frameLength);
        BinaryPrimitives.WriteUInt32BigEndian(d[56..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(d[60..], (uint)header.Length);
        header.CopyTo(d[64..]);
        _offset += sampleLength;
        _samples++;
        return true;
    }

    /// <summary>Writes the sample count and returns the datagram length.</summary>
    public readonly int Finish()
    {
        BinaryPrimitives.WriteUInt32BigEndian(_destination[_samplesOffset..], (uint)_samples);
        return _offset;
    }

    private static int SampleLength(int headerLength) => 8 + 32 + 8 + 16 + ((headerLength + 3) & ~3);
}
