namespace Breakwater.Detection.Baselines;

/// <summary>The rates a baseline learns per hour of the week: all packets, bits, then the threshold classes of <see cref="GroupLimits"/>.</summary>
internal static class BaselineMetric
{
    public const int Pps = 0;
    public const int Bps = 1;

    /// <summary>Index of the first threshold class (<see cref="GroupLimits.Tcp"/>); class c is at <c>FirstClass + c</c>.</summary>
    public const int FirstClass = 2;

    public const int Count = FirstClass + GroupLimits.ClassCount;

    private static readonly string[] Names = ["pps", "mbps", "tcp pps", "udp pps", "icmp pps", "syn pps", "ack pps", "rst pps", "fin pps", "fragment pps"];

    public static string Name(int metric) => Names[metric];

    /// <summary>Bits are reported in megabits, packets as they are.</summary>
    public static double Display(int metric, double rate) => metric == Bps ? rate / 1e6 : rate;
}
