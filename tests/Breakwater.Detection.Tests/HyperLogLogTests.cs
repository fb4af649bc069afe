using static Breakwater.Detection.Tests.PacketFactory;

namespace Breakwater.Detection.Tests;

public sealed class HyperLogLogTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(1_000)]
    [InlineData(50_000)]
    [InlineData(1_000_000)]
    public void Estimate_DistinctHashes_WithinThreePercent(int distinct)
    {
        var hll = new HyperLogLog(IncidentTracker.SourcePrecision);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < distinct; i++)
            {
                hll.Add(RandomV4(i).Hash(99));
            }
        }

        Assert.InRange(hll.Estimate(), distinct * 0.97, (distinct * 1.03) + 1);
    }
}
