using Breakwater.Wire;

namespace Breakwater.Simulation;

/// <summary>
/// Packets of one attack: evenly spread over each second (jittered intervals, not bursts), optionally ramping up,
/// each packet drawing a vector by weight, a target, and a source.
/// </summary>
internal sealed partial class AttackStream : PacketStream
{
    private const int PoolSize = 1 << 16;
    private const int MaxPayload = 9000;

    private readonly AttackSpec _spec;
    private readonly double[] _cumulative;
    private readonly byte[][][] _templates;
    private readonly byte[][] _zones;
    private readonly byte[] _pool;
    private readonly NetAddress[] _bots;
    private readonly byte[] _botTtls;
    private readonly bool[] _hit;
    private readonly long[] _vectorPackets;
    private readonly long _startNs;
    private readonly long _endNs;
    private readonly double _rampNs;
    private readonly bool _ipv6;
    private SimRandom _random;
    private double _time;
    private uint _icmpSequence;

    public AttackStream(AttackSpec spec, long epochNs, ulong seed)
    {
        _spec = spec;
        _random = new SimRandom(seed);
        _startNs = epochNs + spec.StartNs;
        _endNs = _startNs + spec.DurationNs;
        _rampNs = spec.RampNs;
        _ipv6 = !spec.Targets[0].IsIPv4;
        _hit = new bool[spec.Targets.Count];
        _vectorPackets = new long[spec.Vectors.Count];

        var total = spec.Vectors.Sum(v => v.Weight);
        _cumulative = new double[spec.Vectors.Count];
        var running = 0.0;
        for (var i = 0; i < _cumulative.Length; i++)
        {
            running += spec.Vectors[i].Weight / total;
            _cumulative[i] = running;
        }

        _cumulative[^1] = 1.0;
        _templates = new byte[spec.Vectors.Count][][];
        for (var i = 0; i < _templates.Length; i++)
        {
            _templates[i] = PayloadTemplates.For(spec.Vectors[i].Kind, ref _random);
        }

        _zones = [.. spec.Vectors.Select(v => EncodeZone(v.Zone))];
        _pool = new byte[PoolSize + MaxPayload];
        // Letters and digits rather than raw random bytes: raw bytes sent to random ports keep matching
        // dissector heuristics (RTCP, TZSP, SCTP over UDP…) and read as malformed packets of those protocols.
        for (var i = 0; i < _pool.Length; i++)
        {
            _pool[i] = Alphabet[_random.Next(Alphabet.Length)];
        }

        _bots = new NetAddress[spec.Sources.Spoofed ? 0 : spec.Sources.Bots];
        _botTtls = new byte[_bots.Length];
        var prefixes = spec.Sources.Prefixes.Where(p => p.IsIPv4 != _ipv6).ToArray();
        for (var i = 0; i < _bots.Length; i++)
        {
            _bots[i] = prefixes.Length == 0
                ? AddressSpace.RandomUnicast(ref _random, _ipv6)
                : AddressSpace.RandomIn(ref _random, prefixes[_random.Next(prefixes.Length)]);
            _botTtls[i] = PathTtl(_bots[i].Hash(seed));
        }

        _time = _startNs;
        NextNs = spec.DurationNs > 0 && spec.Pps > 0 ? _startNs : long.MaxValue;
    }

    public AttackSpec Spec => _spec;

    public long Packets { get; private set; }

    public long Bytes { get; private set; }

    public long FirstNs { get; private set; } = -1;

    public long LastNs { get; private set; } = -1;

    /// <summary>Targets that received at least one packet, in the order of the scenario's target list.</summary>
    public IEnumerable<NetAddress> HitTargets => _spec.Targets.Where((_, i) => _hit[i]);

    /// <summary>Frames written per vector (fragments included), in the order of the scenario's vector list.</summary>
    public IReadOnlyList<long> VectorPackets => _vectorPackets;

    public long DistinctSourcesUpperBound => _bots.Length > 0 ? Math.Min(_bots.Length, Packets) : Packets;

    public override void EmitNext(FrameBuilder builder)
    {
        var now = NextNs;
        var roll = _random.NextDouble();
        var vector = 0;
        while (vector < _cumulative.Length - 1 && roll >= _cumulative[vector])
        {
            vector++;
        }

        var targetIndex = _hit.Length == 1 ? 0 : _random.Next(_hit.Length);
        _hit[targetIndex] = true;
        var target = _spec.Targets[targetIndex];
        NetAddress source;
        byte ttl;
        if (_bots.Length > 0)
        {
            var bot = _random.Next(_bots.Length);
            source = _bots[bot];
            ttl = _botTtls[bot];
        }
        else
        {
            source = AddressSpace.RandomUnicast(ref _random, _ipv6);
            ttl = PathTtl(_random.NextUInt64());
        }

        ttl = _spec.Ttl switch
        {
            TtlMode.Fixed => _spec.FixedTtl,
            TtlMode.Random => (byte)_random.Next(32, 255),
            _ => ttl,
        };

        var before = builder.BytesWritten;
        var frames = WriteVector(builder, vector, now, source, target, ttl);
        Packets += frames;
        _vectorPackets[vector] += frames;
        Bytes += builder.BytesWritten - before;
        if (FirstNs < 0)
        {
            FirstNs = now;
        }

        LastNs = now;

        var elapsed = now - _startNs;
        var rate = _spec.Pps;
        if (_rampNs > 0 && elapsed < _rampNs)
        {
            rate *= Math.Max(0.05, elapsed / _rampNs);
        }

        // Uniform jitter with mean 1 keeps the rate exact on average while filling each second evenly.
        _time += frames * (1e9 / rate) * (0.5 + _random.NextDouble());
        NextNs = _time < _endNs ? Math.Max(now, (long)_time) : long.MaxValue;
    }

    /// <summary>An initial TTL of a common OS (64, 128, 255) minus 4–24 hops, fixed by a hash.</summary>
    private static byte PathTtl(ulong hash)
    {
        var initial = (hash % 10) switch
        {
            < 6 => 64,
            < 9 => 128,
            _ => 255,
        };
        return (byte)(initial - 4 - (int)((hash >> 8) % 21));
    }

    private Span<byte> RandomBytes(int length) => _pool.AsSpan(_random.Next(PoolSize), length);
}
