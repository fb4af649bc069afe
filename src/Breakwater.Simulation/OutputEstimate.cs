namespace Breakwater.Simulation;

/// <summary>
/// How large a scenario's capture will be, before writing it: packets from the rates and durations, bytes per packet
/// from the first packets actually generated (frame sizes differ tenfold between vectors).
/// </summary>
public sealed record OutputEstimate(long Packets, long Bytes)
{
    /// <summary>pcap file header, and the record header before every frame.</summary>
    internal const int FileHeader = 24;
    internal const int RecordHeader = 16;

    internal static OutputEstimate Of(Scenario scenario, Func<Scenario, IFrameSink, long, (long Packets, long Bytes)> sample)
    {
        double packets = 0;
        foreach (var attack in scenario.Attacks)
        {
            packets += attack.Pps * attack.DurationNs / 1e9;
        }

        if (scenario.Background is { } background)
        {
            packets += background.Pps * background.Spans.Sum(s => (double)(s.EndNs - s.StartNs)) / 1e9;
        }

        var (sampled, sampledBytes) = sample(scenario, new CountingFrameSink(), 65_536);
        var perPacket = sampled > 0 ? (double)sampledBytes / sampled : 64;
        var total = Math.Min(packets, long.MaxValue / 2048.0);
        return new OutputEstimate((long)total, (long)(FileHeader + (total * (RecordHeader + perPacket))));
    }

    private sealed class CountingFrameSink : IFrameSink
    {
        public long Packets { get; private set; }

        public long Bytes { get; private set; }

        public void Write(long unixNanoseconds, ReadOnlySpan<byte> frame)
        {
            Packets++;
            Bytes += frame.Length;
        }
    }
}
