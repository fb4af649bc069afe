using System.Buffers.Binary;
using Breakwater.Wire.Flows;
using Breakwater.TestKit.Frames;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Wire.Tests.Flows;

/// <summary>sFlow v5: datagrams from our writer (checked by tshark elsewhere) and hand-made hostile ones.</summary>
public sealed class SFlowV5DecoderTests
{
    private const long Now = 1_741_600_000_000_000_000;

    /// <summary>Ethernet + IPv4 + UDP from 192.0.2.1:123 to 198.51.100.7:40000 with <paramref name="payload"/> bytes.</summary>
    internal static byte[] NtpFrame(int payload)
    {
        var frame = new byte[14 + 28 + payload];
        frame[12] = 0x08;
        frame[14] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(16), (ushort)(28 + payload));
        frame[22] = 50;
        frame[23] = 17;
        new byte[] { 192, 0, 2, 1, 198, 51, 100, 7 }.CopyTo(frame, 26);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(34), 123);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(36), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(38), (ushort)(8 + payload));
        return frame;
    }

    [Fact]
    public void Decode_WriterDatagram_GivesDecodedPacketsScaledBySamplingRate()
    {
        var buffer = new byte[1400];
        var writer = new SFlowDatagramWriter(buffer, NetAddress.Parse("192.0.2.254"), 0, 9, 1000);
        var frame = NtpFrame(440);
        Assert.True(writer.TryAddFlowSample(1, 3, 1024, 1024, 0, 1, 2, frame, (uint)frame.Length + 4));
        Assert.True(writer.TryAddFlowSample(2, 3, 1024, 2048, 0, 1, 2, frame, (uint)frame.Length + 4));
        var length = writer.Finish();
        var sink = new CollectingSink();

        var result = SFlowV5Decoder.Decode(buffer.AsSpan(0, length), Now, ref sink, out var info);

        Assert.Equal(new FlowDecodeResult(2, FlowDropReason.None), result);
        Assert.Equal(new SFlowDatagramInfo(NetAddress.Parse("192.0.2.254"), 9, 2, 0), info);
        var r = sink.Records[0];
        Assert.Equal(NetAddress.Parse("198.51.100.7"), r.Destination);
        Assert.Equal(17, r.Protocol);
        Assert.Equal(123, r.SourcePort);
        Assert.Equal(1024u, r.SamplingRate);
        Assert.Equal(1024ul, r.ScaledPackets);
        Assert.Equal(468ul * 1024, r.ScaledBytes);
        Assert.Equal((uint)frame.Length + 4, r.FrameLength);
        Assert.Equal(Now, r.TimestampNanos);
    }

    [Fact]
    public void Decode_ExtendedGatewayAfterRawHeader_GivesSourceAndOriginAs()
    {
        var frame = NtpFrame(60);
        var raw = new BigEndianWriter().U32(1).U32((uint)frame.Length).U32(0).U32((uint)frame.Length).Bytes(frame).Bytes(new byte[(4 - (frame.Length % 4)) % 4]);
        var gateway = new BigEndianWriter().U32(1).Ip("192.0.2.1").U32(65000).U32(64500).U32(64501)
            .U32(1).U32(2).U32(2).U32(64510).U32(64511)
            .U32(0).U32(100);
        var sample = new BigEndianWriter().U32(1).U32(3).U32(1024).U32(1024).U32(0).U32(1).U32(2).U32(2)
            .U32(1).U32((uint)raw.Length).Bytes(raw.ToArray())
            .U32(1003).U32((uint)gateway.Length).Bytes(gateway.ToArray());
        var datagram = new BigEndianWriter().U32(5).U32(1).Ip("192.0.2.254").U32(0).U32(1).U32(1).U32(1)
            .U32(1).U32((uint)sample.Length).Bytes(sample.ToArray()).ToArray();
        var sink = new CollectingSink();

        var result = SFlowV5Decoder.Decode(datagram, Now, ref sink, out _);

        Assert.Equal(new FlowDecodeResult(1, FlowDropReason.None), result);
        var r = sink.Records[0];
        Assert.Equal(NetAddress.Parse("198.51.100.7"), r.Destination);
        Assert.Equal(64500u, r.SourceAs);
        Assert.Equal(64511u, r.DestinationAs);
    }

    [Fact]
    public void Decode_GenericInterfaceCounters_ReachTheCounterSink()
    {
        static byte[] CounterDatagram(ulong inOctets, uint inUnicast, ulong outOctets, uint outUnicast)
        {
            var counters = new BigEndianWriter().U32(7).U32(6).U64(10_000_000_000).U32(1).U32(3)
                .U64(inOctets).U32(inUnicast).U32(0).U32(0).U32(0).U32(0).U32(0)
                .U64(outOctets).U32(outUnicast).U32(0).U32(0).U32(0).U32(0).U32(0);
            var sample = new BigEndianWriter().U32(1).U32(7).U32(1).U32(1).U32((uint)counters.Length).Bytes(counters.ToArray());
            return new BigEndianWriter().U32(5).U32(1).Ip("192.0.2.254").U32(0).U32(1).U32(1).U32(1)
                .U32(2).U32((uint)sample.Length).Bytes(sample.ToArray()).ToArray();
        }

        var sink = new CollectingSink();
        var counters = new RecordingCounterSink { Seen = [] };
        var result = SFlowV5Decoder.Decode(CounterDatagram(126_000_000, 101_000, 1_500, 20), Now, ref sink, ref counters, out var info);

        Assert.Equal(FlowDropReason.None, result.Drop);
        Assert.Equal(1, info.CounterSamples);
        var seen = Assert.Single(counters.Seen);
        Assert.Equal(NetAddress.Parse("192.0.2.254"), seen.Agent);
        Assert.Equal(7u, seen.IfIndex);
        Assert.Equal(10_000_000_000ul, seen.SpeedBitsPerSecond);
        Assert.Equal(126_000_000ul, seen.InOctets);
        Assert.Equal(101_000ul, seen.InPackets);
        Assert.Equal(1_500ul, seen.OutOctets);
        Assert.Equal(20ul, seen.OutPackets);
        Assert.Empty(sink.Records);
    }

    private struct RecordingCounterSink : IInterfaceCounterSink
    {
        public List<InterfaceCounters> Seen;

        public readonly void OnInterfaceCounters(in InterfaceCounters counters, long receiveNanos) => Seen.Add(counters);
    }

    [Fact]
    public void Decode_SampleLengthBeyondDatagram_IsCountedNotRead()
    {
        var buffer = new byte[1400];
        var writer = new SFlowDatagramWriter(buffer, NetAddress.Parse("192.0.2.254"), 0, 1, 1);
        var frame = NtpFrame(100);
        writer.TryAddFlowSample(1, 3, 1, 1, 0, 1, 2, frame, (uint)frame.Length);
        var length = writer.Finish();
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(32), 0x7FFF_FFFF);
        var sink = new CollectingSink();

        var result = SFlowV5Decoder.Decode(buffer.AsSpan(0, length), Now, ref sink, out _);

        Assert.Equal(FlowDropReason.SampleLengthInvalid, result.Drop);
        Assert.Empty(sink.Records);
    }

    [Fact]
    public void Decode_SampleCountThatLies_StopsAtTheEnd()
    {
        var buffer = new byte[1400];
        var writer = new SFlowDatagramWriter(buffer, NetAddress.Parse("2001:db8::1"), 0, 1, 1);
        var frame = NtpFrame(100);
        writer.TryAddFlowSample(1, 3, 1, 1, 0, 1, 2, frame, (uint)frame.Length);
        var length = writer.Finish();
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(36), 1_000_000);
        var sink = new CollectingSink();

        var result = SFlowV5Decoder.Decode(buffer.AsSpan(0, length), Now, ref sink, out var info);

        Assert.Equal(1, result.Records);
        Assert.Equal(FlowDropReason.TooManySamples, result.Drop);
        Assert.Equal(NetAddress.Parse("2001:db8::1"), info.Agent);
    }

    [Fact]
    public void Decode_RandomBytes_NeverThrow()
    {
        var random = new Random(11);
        var buffer = new byte[1500];
        var sink = new CountingSink();
        for (var i = 0; i < 50_000; i++)
        {
            random.NextBytes(buffer);
            BinaryPrimitives.WriteUInt32BigEndian(buffer, 5);
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), (uint)(i % 3));
            _ = SFlowV5Decoder.Decode(buffer.AsSpan(0, random.Next(buffer.Length)), Now, ref sink, out _);
        }
    }

    [Fact]
    public void Decode_Datagrams_AllocateNothing()
    {
        var buffer = new byte[1400];
        var writer = new SFlowDatagramWriter(buffer, NetAddress.Parse("192.0.2.254"), 0, 9, 1000);
        var frame = NtpFrame(200);
        while (writer.TryAddFlowSample(1, 3, 512, 1, 0, 1, 2, frame, (uint)frame.Length))
        {
        }

        var length = writer.Finish();
        var sink = new CountingSink();
        SFlowV5Decoder.Decode(buffer.AsSpan(0, length), Now, ref sink, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            SFlowV5Decoder.Decode(buffer.AsSpan(0, length), Now, ref sink, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sink.Records > 10_000);
    }
}
