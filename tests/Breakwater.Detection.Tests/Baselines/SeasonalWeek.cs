using Breakwater.Wire;

namespace Breakwater.Detection.Tests.Baselines;

/// <summary>
/// A host's traffic with daily seasonality, five flow-like records a second (sampling 1): a trough of
/// <see cref="Trough"/> pps at 04:00 UTC, a peak of <see cref="Peak"/> pps at 16:00, counting noise plus 5 % jitter.
/// </summary>
internal sealed class SeasonalWeek(NetAddress host, int seed)
{
    /// <summary>Monday 5 January 2026 00:00 UTC.</summary>
    public const long Monday = 1_767_571_200;

    public const int Week = 7 * 86_400;
    public const double Trough = 2_000;
    public const double Peak = 8_000;

    private readonly Random _random = new(seed);
    private readonly NetAddress _client = NetAddress.Parse("203.0.113.50");
    private readonly NetAddress _attacker = NetAddress.Parse("192.0.2.66");

    /// <summary>The usual rate at a second of the day: a cosine from the trough at 04:00 to the peak at 16:00.</summary>
    public static double Level(long unixSecond)
    {
        var hourOfDay = (((unixSecond % 86_400) + 86_400) % 86_400) / 3600.0;
        return Trough + ((Peak - Trough) * (1 - Math.Cos((hourOfDay - 4) / 24 * 2 * Math.PI)) / 2);
    }

    /// <summary>Feeds seconds [<paramref name="from"/>, <paramref name="to"/>); inside [attackFrom, attackTo) a UDP flood of <paramref name="attackFactor"/> − 1 times the level is added.</summary>
    public void Feed(DetectionEngine engine, long from, long to, long attackFrom = 0, long attackTo = 0, double attackFactor = 3)
    {
        for (var s = from; s < to; s++)
        {
            var level = Level(s);
            var noise = Gaussian() * (Math.Sqrt(level) + (0.05 * level));
            var normal = Math.Max(0, level + noise) / RecordsPerSecond;
            var attacked = s >= attackFrom && s < attackTo;
            for (var r = 0; r < RecordsPerSecond; r++)
            {
                // Spread over the second, as an exporter's active timeout would: one record a second at its start would look like a burst.
                var at = (s * 1_000_000_000) + ((2 * r) + 1) * (500_000_000 / RecordsPerSecond);
                var record = Record(at, _client, 6, normal, 500);
                record.TcpFlags = TcpFlags.Ack | TcpFlags.Psh;
                engine.Add(ref record, default);
                if (attacked)
                {
                    var flood = Record(at + 1, _attacker, 17, (attackFactor - 1) * level / RecordsPerSecond, 120);
                    flood.DestinationPort = 80;
                    engine.Add(ref flood, default);
                }
            }
        }
    }

    private const int RecordsPerSecond = 5;

    private TrafficRecord Record(long nanos, NetAddress source, byte protocol, double pps, int size) => new()
    {
        TimestampNanos = nanos,
        Source = source,
        Destination = host,
        Packets = (ulong)Math.Round(pps),
        Bytes = (ulong)Math.Round(pps) * (ulong)size,
        SamplingRate = 1,
        Protocol = protocol,
        SourcePort = 40_000,
        DestinationPort = 443,
        Ttl = 60,
    };

    private double Gaussian()
    {
        // Box–Muller: deterministic for a seed.
        var u = 1 - _random.NextDouble();
        var v = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
