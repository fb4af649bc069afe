using Breakwater.Ingest.Flows;
using Breakwater.TestKit.Frames;
using Breakwater.Wire;
using Breakwater.Wire.Flows;
using Breakwater.TestKit.Sinks;

namespace Breakwater.Ingest.Tests.Flows;

/// <summary>NetFlow v9 (RFC 3954) datagrams assembled by hand: templates, options, hostile input.</summary>
public sealed class NetFlowV9DecoderTests
{
    private const uint ExportSeconds = 1_741_600_000;
    private const uint Uptime = 200_000;
    private static readonly NetAddress Exporter = NetAddress.Parse("192.0.2.250");
    private static readonly long Now = ExportSeconds * 1_000_000_000L;

    private static BigEndianWriter Header(int count = 1, uint sourceId = 1) =>
        new BigEndianWriter().U16(9).U16(count).U32(Uptime).U32(ExportSeconds).U32(1).U32(sourceId);

    /// <summary>Template 256: src, dst (IPv4), src port, dst port, protocol, tcp flags, packets (2-byte short counter), bytes, last switched, sampler id.</summary>
    internal static BigEndianWriter Template256() => new BigEndianWriter()
        .U16(256).U16(10)
        .U16(8).U16(4).U16(12).U16(4).U16(7).U16(2).U16(11).U16(2).U16(4).U16(1).U16(6).U16(1)
        .U16(2).U16(2).U16(1).U16(4).U16(21).U16(4).U16(48).U16(1);

    internal static BigEndianWriter Data256(int records, uint lastSwitched = Uptime - 1000, int samplerId = 0)
    {
        var w = new BigEndianWriter();
        for (var i = 0; i < records; i++)
        {
            w.Ip("203.0.113.9").Ip("198.51.100.7").U16(1234).U16(80).U8(6).U8(0x02).U16(5).U32(300).U32(lastSwitched).U8(samplerId);
        }

        return w;
    }

    [Fact]
    public void Decode_TemplateThenData_YieldsRecordsWithUptimeRelativeTimes()
    {
        var datagram = Header(3).Set(0, Template256()).Set(256, Data256(2)).ToArray();
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();

        var result = NetFlowV9Decoder.Decode(datagram, Exporter, Now, cache, ref sink);

        Assert.Equal(new FlowDecodeResult(2, FlowDropReason.None), result);
        var r = sink.Records[0];
        Assert.Equal(NetAddress.Parse("203.0.113.9"), r.Source);
        Assert.Equal(NetAddress.Parse("198.51.100.7"), r.Destination);
        Assert.Equal(80, r.DestinationPort);
        Assert.Equal(TcpFlags.Syn, r.TcpFlags);
        Assert.Equal(5ul, r.Packets);
        Assert.Equal(300ul, r.Bytes);
        Assert.Equal(Now - 1_000_000_000L, r.TimestampNanos);
    }

    [Fact]
    public void Decode_DataBeforeTemplate_IsHeldThenDecodedWhenTemplateArrives()
    {
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();

        var first = NetFlowV9Decoder.Decode(Header().Set(256, Data256(3)).ToArray(), Exporter, Now, cache, ref sink);
        Assert.Equal(0, first.Records);
        Assert.Equal(1, cache.PendingCount);

        var second = NetFlowV9Decoder.Decode(Header().Set(0, Template256()).ToArray(), Exporter, Now + 1_000_000, cache, ref sink);

        Assert.Equal(3, second.Records);
        Assert.Equal(3, sink.Records.Count);
        Assert.Equal(0, cache.PendingCount);
    }

    [Fact]
    public void Decode_DataWhoseTemplateNeverComes_IsDroppedAfterHoldTime()
    {
        var cache = new FlowTemplateCache(pendingHoldNanos: 2_000_000_000);
        var sink = new CollectingSink();
        NetFlowV9Decoder.Decode(Header().Set(256, Data256(1)).ToArray(), Exporter, Now, cache, ref sink);

        cache.ExpirePending(Now + 3_000_000_000);

        Assert.Equal(0, cache.PendingCount);
        Assert.Equal(1, cache.PendingDropped);
    }

    [Fact]
    public void Decode_OptionsDataWithSamplerInterval_ScalesDataOfThatSampler()
    {
        // Options template 257: scope = system (type 1, 4 bytes); options = sampler id (48, 1), sampling interval (34, 4).
        var options = new BigEndianWriter().U16(257).U16(4).U16(8).U16(1).U16(4).U16(48).U16(1).U16(34).U16(4);
        var optionsData = new BigEndianWriter().U32(0).U8(3).U32(1024).U8(0).U8(0).U8(0); // 9 bytes + 3 padding
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();

        NetFlowV9Decoder.Decode(Header(2).Set(1, options).Set(257, optionsData).ToArray(), Exporter, Now, cache, ref sink);
        NetFlowV9Decoder.Decode(Header(2).Set(0, Template256()).Set(256, Data256(1, samplerId: 3)).ToArray(), Exporter, Now, cache, ref sink);

        var r = Assert.Single(sink.Records);
        Assert.Equal(1024u, r.SamplingRate);
        Assert.Equal(5ul * 1024, r.ScaledPackets);
    }

    [Fact]
    public void Decode_TemplateWithZeroFields_IsCountedInvalid()
    {
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();

        var result = NetFlowV9Decoder.Decode(Header().Set(0, new BigEndianWriter().U16(300).U16(0)).ToArray(), Exporter, Now, cache, ref sink);

        Assert.Equal(FlowDropReason.TemplateInvalid, result.Drop);
        Assert.Equal(0, cache.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65535)]
    public void Decode_TemplateFieldLengthZeroOrMax_IsCountedInvalid(int length)
    {
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();
        var template = new BigEndianWriter().U16(300).U16(1).U16(8).U16(length);

        var result = NetFlowV9Decoder.Decode(Header().Set(0, template).ToArray(), Exporter, Now, cache, ref sink);

        Assert.Equal(FlowDropReason.TemplateInvalid, result.Drop);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Decode_TenThousandTemplatesFromOneExporter_StopsAtTheLimit()
    {
        var cache = new FlowTemplateCache();
        var sink = new CollectingSink();
        var drops = 0;
        for (var id = 256; id < 10_256; id++)
        {
            var template = new BigEndianWriter().U16(id).U16(1).U16(8).U16(4);
            if (NetFlowV9Decoder.Decode(Header().Set(0, template).ToArray(), Exporter, Now, cache, ref sink).Drop == FlowDropReason.TemplateLimit)
            {
                drops++;
            }
        }

        Assert.Equal(FlowTemplateCache.DefaultMaxTemplatesPerDomain, cache.Count);
        Assert.Equal(10_000 - FlowTemplateCache.DefaultMaxTemplatesPerDomain, drops);
    }

    [Fact]
    public void Decode_SetLengthBeyondDatagram_IsCountedNotRead()
    {
        var datagram = Header().U16(256).U16(4000).U32(0).ToArray();
        var sink = new CollectingSink();

        var result = NetFlowV9Decoder.Decode(datagram, Exporter, Now, new FlowTemplateCache(), ref sink);

        Assert.Equal(FlowDropReason.SetLengthInvalid, result.Drop);
        Assert.Empty(sink.Records);
    }

    [Fact]
    public void Decode_RandomDatagrams_NeverThrow()
    {
        var random = new Random(42);
        var cache = new FlowTemplateCache();
        var sink = new CountingSink();
        var buffer = new byte[1500];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            var length = random.Next(buffer.Length);
            buffer[0] = 0;
            buffer[1] = (byte)(i % 3 == 0 ? 9 : i % 3 == 1 ? 10 : 5);
            var datagram = buffer.AsSpan(0, length);
            _ = NetFlowV9Decoder.Decode(datagram, Exporter, Now, cache, ref sink);
            _ = IpfixDecoder.Decode(datagram, Exporter, Now, cache, ref sink);
            _ = NetFlowV5Decoder.Decode(datagram, ref sink);
        }

        Assert.True(cache.Count <= FlowTemplateCache.DefaultMaxTemplates);
    }

    [Fact]
    public void Decode_DataSets_AllocateNothingPerRecord()
    {
        var cache = new FlowTemplateCache();
        var sink = new CountingSink();
        NetFlowV9Decoder.Decode(Header().Set(0, Template256()).ToArray(), Exporter, Now, cache, ref sink);
        var data = Header(20).Set(256, Data256(20)).ToArray();
        NetFlowV9Decoder.Decode(data, Exporter, Now, cache, ref sink);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5_000; i++)
        {
            NetFlowV9Decoder.Decode(data, Exporter, Now, cache, ref sink);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(5_001 * 20, sink.Records);
    }
}
