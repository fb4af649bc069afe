using System.Globalization;
using Breakwater.Core;

namespace Breakwater.Detection;

/// <summary>A host group's thresholds flattened into arrays for per-second evaluation.</summary>
internal sealed class GroupLimits
{
    /// <summary>Threshold classes counted per target per second (besides all packets and bytes).</summary>
    public const int ClassCount = 8;

    public const int Tcp = 0;
    public const int Udp = 1;
    public const int Icmp = 2;
    public const int Syn = 3;
    public const int Ack = 4;
    public const int Rst = 5;
    public const int Fin = 6;
    public const int Fragment = 7;

    private static readonly string[] ClassNames = ["tcp pps", "udp pps", "icmp pps", "syn pps", "ack pps", "rst pps", "fin pps", "fragment pps"];

    private readonly double[] _classLimits = new double[ClassCount];

    public GroupLimits(HostGroup group)
    {
        Name = group.Name;
        var t = group.Thresholds;
        Pps = Limit(t.Pps);
        BitsPerSecond = t.Mbps is > 0 ? t.Mbps.Value * 1_000_000 : double.PositiveInfinity;
        _classLimits[Tcp] = Limit(t.TcpPps);
        _classLimits[Udp] = Limit(t.UdpPps);
        _classLimits[Icmp] = Limit(t.IcmpPps);
        _classLimits[Syn] = Limit(t.SynPps);
        _classLimits[Ack] = Limit(t.AckPps);
        _classLimits[Rst] = Limit(t.RstPps);
        _classLimits[Fin] = Limit(t.FinPps);
        _classLimits[Fragment] = Limit(t.FragmentPps);
        var min = Pps;
        foreach (var l in _classLimits)
        {
            min = Math.Min(min, l);
        }

        MinPacketLimit = min;

        // Carpet bombing: unset prefix limits are five hosts' worth of the host limits (docs/configuration.md).
        PrefixPps = t.PrefixPps is > 0 ? t.PrefixPps.Value : PrefixFactor * Pps;
        PrefixBitsPerSecond = t.PrefixMbps is > 0 ? t.PrefixMbps.Value * 1_000_000 : PrefixFactor * BitsPerSecond;
    }

    /// <summary>Default prefix limits as a multiple of the host limits.</summary>
    public const double PrefixFactor = 5;

    public string Name { get; }

    public double Pps { get; }

    public double BitsPerSecond { get; }

    /// <summary>Packets per second to one prefix from hosts not under their own incident (infinity when unset).</summary>
    public double PrefixPps { get; }

    public double PrefixBitsPerSecond { get; }

    /// <summary>The lowest packet-rate limit of any class (infinity when only a bit rate is set).</summary>
    public double MinPacketLimit { get; }

    /// <summary>Highest ratio of a rate to its limit over all set limits; above 1 the host is over its thresholds.</summary>
    public double Ratio(long packets, long bytes, ReadOnlySpan<long> classes, double seconds)
    {
        var ratio = Math.Max(packets / seconds / Pps, bytes * 8.0 / seconds / BitsPerSecond);
        for (var i = 0; i < ClassCount; i++)
        {
            ratio = Math.Max(ratio, classes[i] / seconds / _classLimits[i]);
        }

        return ratio;
    }

    /// <summary>Ratio of a prefix's unexplained traffic to its limits; above 1 the prefix is over.</summary>
    public double PrefixRatio(long packets, long bytes, double seconds) =>
        Math.Max(packets / seconds / PrefixPps, bytes * 8.0 / seconds / PrefixBitsPerSecond);

    /// <summary>Names the prefix limit with the higher ratio, e.g. "prefix pps 25000 > 20000".</summary>
    public string PrefixReason(long packets, long bytes, double seconds)
    {
        var pps = packets / seconds;
        var bps = bytes * 8.0 / seconds;
        return bps / PrefixBitsPerSecond > pps / PrefixPps
            ? Describe("prefix mbps", bps / 1e6, PrefixBitsPerSecond / 1e6)
            : Describe("prefix pps", pps, PrefixPps);
    }

    /// <summary>Names the limit with the highest ratio, e.g. "pps 12000 > 4000".</summary>
    public string Reason(long packets, long bytes, ReadOnlySpan<long> classes, double seconds)
    {
        var best = packets / seconds / Pps;
        var text = Describe("pps", packets / seconds, Pps);
        var bps = bytes * 8.0 / seconds;
        if (bps / BitsPerSecond > best)
        {
            best = bps / BitsPerSecond;
            text = Describe("mbps", bps / 1e6, BitsPerSecond / 1e6);
        }

        for (var i = 0; i < ClassCount; i++)
        {
            var rate = classes[i] / seconds;
            if (rate / _classLimits[i] > best)
            {
                best = rate / _classLimits[i];
                text = Describe(ClassNames[i], rate, _classLimits[i]);
            }
        }

        return text;
    }

    private static string Describe(string what, double rate, double limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {Math.Round(rate):0} > {limit:0.##}");

    private static double Limit(double? value) => value is > 0 ? value.Value : double.PositiveInfinity;
}
