using Breakwater.Ingest.Flows;
using Breakwater.TestKit.Frames;
using Breakwater.TestKit.Sinks;
using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Tests.Flows;

/// <summary>Interface rates from two sFlow counter samples one second apart, fed through the decoder's counter sink.</summary>
public sealed class InterfaceRateTableTests
{
    private const long Now = 1_700_000_000_000_000_000;

    [Fact]
    public void Update_CounterSamplesOneSecondApart_GiveInterfaceRates()
    {
        var table = new InterfaceRateTable();
        var rates = new InterfaceRateSink(table);
        var sink = new CollectingSink();
        SFlowV5Decoder.Decode(CounterDatagram(1_000_000, 1_000, 500, 10), Now, ref sink, ref rates, out var info);
        SFlowV5Decoder.Decode(CounterDatagram(126_000_000, 101_000, 1_500, 20), Now + 1_000_000_000, ref sink, ref rates, out _);

        Assert.Equal(1, info.CounterSamples);
        var rate = Assert.Single(table.Snapshot());
        Assert.Equal(7u, rate.IfIndex);
        Assert.Equal(10_000_000_000ul, rate.SpeedBitsPerSecond);
        Assert.Equal(1e9, rate.InBitsPerSecond, 3);
        Assert.Equal(100_000, rate.InPacketsPerSecond, 3);
        Assert.Equal(8_000, rate.OutBitsPerSecond, 3);
    }

    [Fact]
    public void Update_CounterThatWentBackwards_GivesNoRate()
    {
        var table = new InterfaceRateTable();
        var rates = new InterfaceRateSink(table);
        var sink = new CollectingSink();
        SFlowV5Decoder.Decode(CounterDatagram(126_000_000, 101_000, 1_500, 20), Now, ref sink, ref rates, out _);
        SFlowV5Decoder.Decode(CounterDatagram(1_000_000, 1_000, 500, 10), Now + 1_000_000_000, ref sink, ref rates, out _);

        Assert.Empty(table.Snapshot());
    }

    /// <summary>One sFlow datagram with one generic interface counter record for ifIndex 7 at 10 Gbit/s.</summary>
    private static byte[] CounterDatagram(ulong inOctets, uint inUnicast, ulong outOctets, uint outUnicast)
    {
        var counters = new BigEndianWriter().U32(7).U32(6).U64(10_000_000_000).U32(1).U32(3)
            .U64(inOctets).U32(inUnicast).U32(0).U32(0).U32(0).U32(0).U32(0)
            .U64(outOctets).U32(outUnicast).U32(0).U32(0).U32(0).U32(0).U32(0);
        var sample = new BigEndianWriter().U32(1).U32(7).U32(1).U32(1).U32((uint)counters.Length).Bytes(counters.ToArray());
        return new BigEndianWriter().U32(5).U32(1).Ip("192.0.2.254").U32(0).U32(1).U32(1).U32(1)
            .U32(2).U32((uint)sample.Length).Bytes(sample.ToArray()).ToArray();
    }
}
