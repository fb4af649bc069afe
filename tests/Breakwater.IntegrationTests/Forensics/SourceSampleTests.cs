using Breakwater.Detection;
using Breakwater.Wire;

namespace Breakwater.IntegrationTests.Forensics;

/// <summary>The bounded per-incident source sample: fixed memory under millions of sources, exact counts for kept ones.</summary>
public sealed class SourceSampleTests
{
    [Fact]
    public void Add_MillionDistinctSources_StaysBoundedAndSamplesUniformly()
    {
        var sample = new SourceSample();
        var record = new TrafficRecord { Protocol = 6, Packets = 1 };
        for (uint i = 0; i < 1_000_000; i++)
        {
            record.Source = NetAddress.FromV4(0x0100_0000 + (i * 2654435761u % 0xDF00_0000u));
            sample.Add(ref record, record.Source.Hash(42), 1, 60);
        }

        Assert.InRange(sample.Count, SourceSample.MaxSources / 2, SourceSample.MaxSources);
        // Kept with probability p, about p × 1,000,000 sources remain.
        Assert.InRange(sample.Count / sample.Probability, 800_000, 1_200_000);
    }

    [Fact]
    public void Add_FewHeavySources_KeepsEveryOneWithExactCounts()
    {
        var sample = new SourceSample();
        var record = new TrafficRecord { Protocol = 17, Packets = 1, SourcePort = 4000 };
        for (var round = 0; round < 1000; round++)
        {
            for (uint h = 1; h <= 5; h++)
            {
                record.Source = NetAddress.FromV4(0x0808_0800 + h);
                record.IpId = (ushort)round;
                record.TimestampNanos = round * 1_000_000L;
                sample.Add(ref record, record.Source.Hash(42), 3, 600);
            }
        }

        Assert.Equal(1.0, sample.Probability);
        var sources = sample.Snapshot();
        Assert.Equal(5, sources.Length);
        Assert.All(sources, s => Assert.Equal(3000, s.Packets));
        Assert.All(sources, s => Assert.Equal(999_000_000L, s.LastNanos - s.FirstNanos));
        Assert.All(sources, s => Assert.Equal(1, s.SourcePorts));
        Assert.Equal(sample.IpIdPairs, sample.IpIdIncrementPairs);   // each host's IP-ID counts up by one
    }
}
