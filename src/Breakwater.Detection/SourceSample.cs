using System.Runtime.CompilerServices;
using Breakwater.Core.Forensics;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Bounded sample of an incident's sources with exact per-source counts (adaptive hash sampling, as in
/// Gibbons–Matias distinct sampling): a source is kept when its mixed address hash is at most a limit; when the
/// table is full the limit halves and sources above it leave. Every kept source's packets are all counted, so a
/// country's packet share is a ratio estimate over a uniform random sample of sources; with k sampled sources
/// its standard error is at most about √(s(1−s)/k) (k = 2,048: under 1.1 points at s = 0.5).
/// Memory: at most <see cref="MaxSources"/> entries (≈ 140 KiB) whatever the number of sources.
/// </summary>
internal sealed class SourceSample
{
    public const int MaxSources = 2048;
    private const int InitialSources = 32;

    private Entry[] _entries = new Entry[InitialSources];
    private int[] _index = new int[InitialSources * 2];
    private int _count;
    private ulong _limit = ulong.MaxValue;

    public int Count => _count;

    /// <summary>Probability that one source is in the sample.</summary>
    public double Probability => _limit == ulong.MaxValue ? 1 : (_limit + 1.0) / 18446744073709551616.0;

    public long IpIdPairs { get; private set; }

    public long IpIdIncrementPairs { get; private set; }

    /// <summary>Mixes the engine's seeded source hash so that the sample is independent of the HyperLogLog's bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(ulong sourceHash)
    {
        var x = sourceHash * 0x9E3779B97F4A7C15UL;
        return x ^ (x >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ref TrafficRecord record, ulong sourceHash, long packets, long bytes)
    {
        var key = Key(sourceHash);
        if (key <= _limit)
        {
            AddSampled(ref record, key, packets, bytes);
        }
    }

    public void Reset()
    {
        if (_entries.Length > InitialSources * 4)
        {
            _entries = new Entry[InitialSources];
            _index = new int[InitialSources * 2];
        }
        else
        {
            Array.Clear(_index);
        }

        _count = 0;
        _limit = ulong.MaxValue;
        IpIdPairs = 0;
        IpIdIncrementPairs = 0;
    }

    public SampledSource[] Snapshot()
    {
        var result = new SampledSource[_count];
        for (var i = 0; i < _count; i++)
        {
            ref var e = ref _entries[i];
            result[i] = new SampledSource(e.Address, e.Packets, e.Bytes, e.FirstNanos, e.LastNanos, e.Flags, e.Ports);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddSampled(ref TrafficRecord record, ulong key, long packets, long bytes)
    {
        var mask = _index.Length - 1;
        var slot = (int)key & mask;
        while (true)
        {
            var id = _index[slot] - 1;
            if (id < 0)
            {
                break;
            }

            ref var e = ref _entries[id];
            if (e.Key == key && e.Address == record.Source)
            {
                Update(ref e, ref record, packets, bytes);
                return;
            }

            slot = (slot + 1) & mask;
        }

        if (_count == MaxSources)
        {
            // Full: halve the sampling probability until there is room, then retry if this source still qualifies.
            while (_count == MaxSources)
            {
                _limit >>= 1;
                Compact();
            }

            if (key > _limit)
            {
                return;
            }

            AddSampled(ref record, key, packets, bytes);
            return;
        }

        if (_count == _entries.Length)
        {
            Grow();
            AddSampled(ref record, key, packets, bytes);
            return;
        }

        _entries[_count] = new Entry
        {
            Address = record.Source,
            Key = key,
            Packets = packets,
            Bytes = bytes,
            FirstNanos = record.TimestampNanos,
            LastNanos = record.TimestampNanos,
            LastIpId = record.IpId,
            LastSourcePort = record.SourcePort,
            Ports = 1,
            Flags = FlagsOf(ref record, SampledSourceFlags.None),
        };
        _index[slot] = ++_count;
    }

    private void Update(ref Entry e, ref TrafficRecord record, long packets, long bytes)
    {
        e.Packets += packets;
        e.Bytes += bytes;
        e.FirstNanos = Math.Min(e.FirstNanos, record.TimestampNanos);
        e.LastNanos = Math.Max(e.LastNanos, record.TimestampNanos);
        IpIdPairs++;
        var step = (ushort)(record.IpId - e.LastIpId);
        if (step is >= 1 and <= 16)
        {
            IpIdIncrementPairs++;
        }

        e.LastIpId = record.IpId;
        if (record.SourcePort != e.LastSourcePort && e.Ports < int.MaxValue)
        {
            e.Ports++;
            e.LastSourcePort = record.SourcePort;
        }

        e.Flags = FlagsOf(ref record, e.Flags);
    }

    private static SampledSourceFlags FlagsOf(ref TrafficRecord record, SampledSourceFlags flags)
    {
        if (record.Protocol == 17)
        {
            return flags | SampledSourceFlags.Udp;
        }

        if (record.Protocol != 6)
        {
            return flags;
        }

        var f = record.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst | TcpFlags.Fin);
        if (f == TcpFlags.Syn)
        {
            return flags | SampledSourceFlags.Syn;
        }

        if (record.PayloadLength == 0)
        {
            return f == TcpFlags.Ack && (flags & SampledSourceFlags.Syn) != 0 ? flags | SampledSourceFlags.HandshakeAck : flags;
        }

        var data = flags | SampledSourceFlags.TcpData;
        const SampledSourceFlags handshake = SampledSourceFlags.Syn | SampledSourceFlags.HandshakeAck;
        return (flags & (SampledSourceFlags.TcpData | handshake)) == handshake ? data | SampledSourceFlags.DataAfterHandshake : data;
    }

    private void Compact()
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Key <= _limit)
            {
                _entries[kept++] = _entries[i];
            }
        }

        _count = kept;
        Reindex();
    }

    private void Grow()
    {
        Array.Resize(ref _entries, Math.Min(_entries.Length * 2, MaxSources));
        _index = new int[_entries.Length * 2];
        Reindex();
    }

    private void Reindex()
    {
        Array.Clear(_index);
        var mask = _index.Length - 1;
        for (var i = 0; i < _count; i++)
        {
            var slot = (int)_entries[i].Key & mask;
            while (_index[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _index[slot] = i + 1;
        }
    }

    private struct Entry
    {
        public NetAddress Address;
        public ulong Key;
        public long Packets;
        public long Bytes;
        public long FirstNanos;
        public long LastNanos;
        public int Ports;
        public ushort LastIpId;
        public ushort LastSourcePort;
        public SampledSourceFlags Flags;
    }
}
