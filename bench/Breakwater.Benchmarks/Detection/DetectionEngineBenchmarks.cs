using BenchmarkDotNet.Attributes;
using Breakwater.Core;
using Breakwater.Detection;
using Breakwater.Wire;

namespace Breakwater.Benchmarks.Detection;

/// <summary>
/// <see cref="DetectionEngine.Add"/> per record: a SYN flood from random (spoofed) sources to one target (the
/// per-record analysis path: vectors, HyperLogLog, samples), and mixed background traffic across 10,000 hosts
/// (the counting path with a cold last-target cache).
/// </summary>
[MemoryDiagnoser]
public class DetectionEngineBenchmarks
{
    private const int Records = 1 << 20;
    private const int Mask = Records - 1;

    private readonly byte[] _payload = new byte[64];
    private TrafficRecord[] _synFlood = [];
    private TrafficRecord[] _background = [];
    private TrafficRecord[] _carpet = [];
    private DetectionEngine _carpetEngine = null!;
    private long _carpetNow;
    private DetectionEngine _synEngine = null!;
    private DetectionEngine _backgroundEngine = null!;
    private DetectionEngine _protectedEngine = null!;
    private long _protectedNow;
    private long _synNow;
    private long _backgroundNow;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var target = NetAddress.Parse("198.51.100.7");
        _synFlood = new TrafficRecord[Records];
        _carpet = new TrafficRecord[Records];
        _background = new TrafficRecord[Records];
        for (var i = 0; i < Records; i++)
        {
            _synFlood[i] = new TrafficRecord
            {
                Source = NetAddress.FromV4((uint)random.Next() ^ ((uint)random.Next() << 1)),
                Destination = target,
                Packets = 1,
                Bytes = 60,
                SamplingRate = 1,
                Protocol = 6,
                TcpFlags = TcpFlags.Syn,
                SourcePort = (ushort)random.Next(1024, 65535),
                DestinationPort = 80,
                TcpOptionsLength = 20,
                Ttl = (byte)random.Next(32, 255),
            };
            _carpet[i] = new TrafficRecord
            {
                Source = NetAddress.FromV4((uint)random.Next() ^ ((uint)random.Next() << 1)),
                Destination = NetAddress.FromV4(0xCB007100u + 1 + (uint)(i % 254)),
                Packets = 1,
                Bytes = 148,
                SamplingRate = 1,
                Protocol = 17,
                SourcePort = (ushort)random.Next(1024, 65535),
                DestinationPort = 80,
                PayloadLength = 120,
                Ttl = (byte)random.Next(32, 255),
            };
            var tcp = random.Next(4) != 0;
            _background[i] = new TrafficRecord
            {
                Source = NetAddress.FromV4((uint)random.Next()),
                Destination = NetAddress.FromV4(0x0A000000u + (uint)random.Next(10_000)),
                Packets = 1,
                Bytes = (ulong)random.Next(40, 1500),
                SamplingRate = 1,
                Protocol = tcp ? (byte)6 : (byte)17,
                TcpFlags = tcp ? TcpFlags.Ack | (random.Next(2) == 0 ? TcpFlags.Psh : TcpFlags.None) : TcpFlags.None,
                SourcePort = (ushort)random.Next(1024, 65535),
                DestinationPort = (ushort)(tcp ? 443 : 53),
                PayloadLength = 100,
                Ttl = 57,
            };
        }

        _synEngine = new DetectionEngine(new DetectionSettings());
        _protectedEngine = new DetectionEngine(new DetectionSettings
        {
            Networks =
            [
                new ProtectedNetwork(Prefix.Parse("10.0.0.0/18"), "web"),
                new ProtectedNetwork(Prefix.Parse("198.51.100.0/24"), "web"),
                new ProtectedNetwork(Prefix.Parse("2001:db8::/32"), "web"),
            ],

            // 100 k pps of normal traffic to the /18 is over the default prefix limit (5 × 4,000 pps): a /18 of busy
            // hosts needs its own, or the benchmark would measure a prefix incident instead of counting.
            Groups = new Dictionary<string, HostGroup>
            {
                ["web"] = new("web", Thresholds.Default with { PrefixPps = 1_000_000, PrefixMbps = 10_000 }),
            },
        });
        _backgroundEngine = new DetectionEngine(new DetectionSettings());
        _carpetEngine = new DetectionEngine(new DetectionSettings());
        _carpetNow = _synNow;
        _synNow = 1_741_615_200L * 1_000_000_000;
        _backgroundNow = _synNow;
        _protectedNow = _synNow;

        // Warm up: the flood's incident is open and the background hosts are tracked before measuring.
        SynFloodRandomSources();
        MixedBackground10kHosts();
        ProtectedNetworksHalfOutside();
        CarpetBombingSlash24();
    }

    /// <summary>1 M pps SYN flood: one record every microsecond of capture time.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public void SynFloodRandomSources()
    {
        var engine = _synEngine;
        var payload = _payload.AsSpan(0, 0);
        var now = _synNow;
        for (var i = 0; i < Records; i++)
        {
            var r = _synFlood[i & Mask];
            r.TimestampNanos = now;
            now += 1_000;
            engine.Add(ref r, payload);
        }

        _synNow = now;
    }

    /// <summary>200 k pps spread over 10,000 hosts (20 pps each): counting only, no incident.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public void MixedBackground10kHosts()
    {
        var engine = _backgroundEngine;
        var payload = _payload.AsSpan();
        var now = _backgroundNow;
        for (var i = 0; i < Records; i++)
        {
            var r = _background[i & Mask];
            r.TimestampNanos = now;
            now += 5_000;
            engine.Add(ref r, payload);
        }

        _backgroundNow = now;
    }

    /// <summary>The background stream with protected networks, every other record's destination outside them.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public void ProtectedNetworksHalfOutside()
    {
        var engine = _protectedEngine;
        var payload = _payload.AsSpan();
        var now = _protectedNow;
        for (var i = 0; i < Records; i++)
        {
            var r = _background[i & Mask];
            r.TimestampNanos = now;
            if ((i & 1) != 0)
            {
                r.Destination = r.Source;
            }

            now += 5_000;
            engine.Add(ref r, payload);
        }

        _protectedNow = now;
    }

    /// <summary>
    /// 100 k pps of UDP over all 254 hosts of 203.0.113.0/24 (394 pps each, under the host threshold) from random
    /// sources: the prefix-level incident is open, so every record also feeds the prefix's analyser.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public void CarpetBombingSlash24()
    {
        var engine = _carpetEngine;
        var payload = _payload.AsSpan();
        var now = _carpetNow;
        for (var i = 0; i < Records; i++)
        {
            var r = _carpet[i & Mask];
            r.TimestampNanos = now;
            now += 10_000;
            engine.Add(ref r, payload);
        }

        _carpetNow = now;
    }
}
