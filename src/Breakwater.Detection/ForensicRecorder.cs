using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Core.Forensics;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Per-record forensics of one hot target, next to its <see cref="IncidentTracker"/>: the bounded source sample,
/// TTL histogram, IP-ID facts, attack-tool shape counters and the per-vector timeline. A few nanoseconds and no
/// allocation per record once warmed up.
/// </summary>
internal sealed class ForensicRecorder
{
    /// <summary>Most timeline buckets; past it, neighbouring buckets merge and the step doubles.</summary>
    public const int MaxBuckets = 256;

    private const long NanosPerSecond = 1_000_000_000;
    private static readonly int ShapeCount = Enum.GetValues<ShapeKind>().Length;

    private readonly long[] _ttl = new long[256];
    private readonly long[] _shapes = new long[ShapeCount];
    private long[] _series = [];
    private int _buckets;
    private int _step = 1;
    private long _startSecond = long.MinValue;
    private long _bucketStartNanos;
    private long _bucketEndNanos;
    private int _bucket;

    public SourceSample Sample { get; } = new();

    public long IpIdZeroPackets { get; private set; }

    public long Packets { get; private set; }

    public long FirstNanos { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ref TrafficRecord record, ReadOnlySpan<byte> payload, VectorKind kind, long packets, long bytes, ulong sourceHash)
    {
        Packets += packets;
        _ttl[record.Ttl] += packets;
        if (record.IpId == 0 && record.Source.IsIPv4)
        {
            IpIdZeroPackets += packets;
        }

        Sample.Add(ref record, sourceHash, packets, bytes);
        var nanos = record.TimestampNanos;
        if (nanos < _bucketStartNanos || nanos >= _bucketEndNanos)
        {
            MoveBucket(nanos);
        }

        _series[(_bucket * VectorNames.Count) + (int)kind] += packets;
        if (record.Ttl > 64)
        {
            _shapes[(int)ShapeKind.TtlAbove64] += packets;
        }

        CountShape(ref record, payload, kind, packets);
    }

    public void Reset()
    {
        Array.Clear(_ttl);
        Array.Clear(_shapes);
        Array.Clear(_series);

        _buckets = 0;
        _step = 1;
        _startSecond = long.MinValue;
        _bucketStartNanos = 0;
        _bucketEndNanos = 0;
        _bucket = 0;
        IpIdZeroPackets = 0;
        Packets = 0;
        FirstNanos = 0;
        Sample.Reset();
    }

    /// <summary>Copies the evidence out (cold: when the incident's report is refreshed).</summary>
    public IncidentEvidence Snapshot(IncidentTracker tracker, bool waterTorture)
    {
        var shapes = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < _shapes.Length; i++)
        {
            if (_shapes[i] > 0)
            {
                shapes[ShapeName((ShapeKind)i)] = _shapes[i];
            }
        }

        return new IncidentEvidence
        {
            Sources = Sample.Snapshot(),
            SampleProbability = Sample.Probability,
            Packets = Packets,
            Records = tracker.Records,
            TtlPackets = [.. _ttl],
            DistinctSlash8 = tracker.DistinctSlash8,
            V4Packets = tracker.V4Packets,
            BogonPackets = tracker.BogonPackets,
            IpIdZeroPackets = IpIdZeroPackets,
            IpIdPairs = Sample.IpIdPairs,
            IpIdIncrementPairs = Sample.IpIdIncrementPairs,
            Shapes = shapes,
            Timeline = BuildTimeline(waterTorture),
        };
    }

    private IncidentTimeline? BuildTimeline(bool waterTorture)
    {
        if (_buckets == 0)
        {
            return null;
        }

        var byName = new Dictionary<string, long[]>(StringComparer.Ordinal);
        for (var k = 0; k < VectorNames.Count; k++)
        {
            var kind = (VectorKind)k;
            var name = kind == VectorKind.DnsWaterTorture && !waterTorture ? VectorNames.UdpFlood : VectorNames.Name(kind);
            long[]? values = null;
            for (var b = 0; b < _buckets; b++)
            {
                var v = _series[(b * VectorNames.Count) + k];
                if (v != 0)
                {
                    values ??= byName.TryGetValue(name, out var existing) ? existing : byName[name] = new long[_buckets];
                    values[b] += v;
                }
            }
        }

        return new IncidentTimeline
        {
            Start = DateTimeOffset.FromUnixTimeSeconds(_startSecond),
            StepSeconds = _step,
            Series = [.. byName.OrderByDescending(kv => kv.Value.Sum()).Select(kv => new TimelineSeries { Vector = kv.Key, Packets = kv.Value })],
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MoveBucket(long nanos)
    {
        var second = nanos / NanosPerSecond;
        if (_startSecond == long.MinValue)
        {
            _startSecond = second;
            FirstNanos = nanos;
        }

        // Late records before the first bucket count in it.
        var bucket = (int)Math.Max(0, Math.Min((second - _startSecond) / _step, int.MaxValue));
        while (bucket >= MaxBuckets)
        {
            MergeBuckets();
            bucket = (int)((second - _startSecond) / _step);
        }

        if (_series.Length == 0)
        {
            // Allocated once per pooled analyser (≈ 50 KiB) and kept across incidents: nothing is allocated per record later.
            _series = new long[MaxBuckets * VectorNames.Count];
        }

        _buckets = Math.Max(_buckets, bucket + 1);
        _bucket = bucket;
        _bucketStartNanos = (_startSecond + ((long)bucket * _step)) * NanosPerSecond;
        _bucketEndNanos = _bucketStartNanos + (_step * NanosPerSecond);
        if (second < _startSecond)
        {
            _bucketStartNanos = long.MinValue;
        }
    }

    private void MergeBuckets()
    {
        var n = VectorNames.Count;
        var merged = (_buckets + 1) / 2;
        for (var b = 0; b < merged; b++)
        {
            for (var k = 0; k < n; k++)
            {
                var second = (2 * b) + 1 < _buckets ? _series[(((2 * b) + 1) * n) + k] : 0;
                _series[(b * n) + k] = _series[(2 * b * n) + k] + second;
            }
        }

        Array.Clear(_series, merged * n, _series.Length - (merged * n));
        _buckets = merged;
        _step *= 2;
    }

    private void CountShape(ref TrafficRecord record, ReadOnlySpan<byte> payload, VectorKind kind, long packets)
    {
        switch (kind)
        {
            case VectorKind.SynFlood:
                var shape = record.TcpOptionsLength switch
                {
                    0 => ShapeKind.BareSyn,
                    20 => record.TcpWindow == 0 ? ShapeKind.MiraiSyn : ShapeKind.StackSyn,
                    _ => (ShapeKind)(-1),
                };
                if (shape >= 0)
                {
                    _shapes[(int)shape] += packets;
                }

                if (record.TcpWindow == 0)
                {
                    _shapes[(int)ShapeKind.SynWindowZero] += packets;
                }

                break;
            case VectorKind.AckFlood when record.PayloadLength == 512:
                _shapes[(int)ShapeKind.MiraiAck] += packets;
                break;
            case VectorKind.TcpDataFlood:
                if ((record.PayloadLength == 768 && record.TcpOptionsLength == 0) || (record.PayloadLength == 756 && record.TcpOptionsLength == 12))
                {
                    _shapes[(int)ShapeKind.MiraiStomp] += packets;
                }

                if (HttpShape.IsRequest(payload))
                {
                    _shapes[(int)ShapeKind.HttpRequests] += packets;
                    if (HttpShape.HasMiraiOrder(payload, out var agent))
                    {
                        _shapes[(int)ShapeKind.HttpMiraiOrder] += packets;
                    }

                    if (agent)
                    {
                        _shapes[(int)ShapeKind.HttpMiraiAgent] += packets;
                    }
                }

                break;
            case VectorKind.UdpFlood when record.PayloadLength == 512:
                _shapes[(int)ShapeKind.Udp512] += packets;
                break;
            case VectorKind.DnsWaterTorture:
                _shapes[(int)ShapeKind.DnsQueries] += packets;
                if (IsRandom12Label(payload))
                {
                    _shapes[(int)ShapeKind.DnsRandom12] += packets;
                }

                break;
            case VectorKind.VseFlood:
                _shapes[(int)ShapeKind.Vse] += packets;
                break;
            case VectorKind.GreFlood when (record.Flags & RecordFlags.GreInnerDecoded) != 0 && record.InnerProtocol == 17:
                var perPacket = record.Packets == 0 ? 0 : record.Bytes / record.Packets;

                // Outer IPv4 (20) + GRE (4) + [Ethernet (14)] + inner IPv4 (20) + UDP (8) + 512 bytes.
                if (perPacket is 564 or 578)
                {
                    _shapes[(int)ShapeKind.MiraiGre] += packets;
                }

                break;
        }
    }

    /// <summary>DNS header (12 bytes), then a first label of length 12 made of letters and digits (Mirai's rand_alphastr).</summary>
    private static bool IsRandom12Label(ReadOnlySpan<byte> message)
    {
        if (message.Length < 12 + 1 + 12 + 1 || message[12] != 12)
        {
            return false;
        }

        foreach (var c in message.Slice(13, 12))
        {
            if (!char.IsAsciiLetterOrDigit((char)c))
            {
                return false;
            }
        }

        return true;
    }

    private static string ShapeName(ShapeKind kind) => kind switch
    {
        ShapeKind.MiraiSyn => ShapeNames.MiraiSyn,
        ShapeKind.StackSyn => ShapeNames.StackSyn,
        ShapeKind.BareSyn => ShapeNames.BareSyn,
        ShapeKind.SynWindowZero => ShapeNames.SynWindowZero,
        ShapeKind.MiraiAck => ShapeNames.MiraiAck,
        ShapeKind.MiraiStomp => ShapeNames.MiraiStomp,
        ShapeKind.Udp512 => ShapeNames.Udp512,
        ShapeKind.DnsQueries => ShapeNames.DnsQueries,
        ShapeKind.DnsRandom12 => ShapeNames.DnsRandom12,
        ShapeKind.Vse => ShapeNames.Vse,
        ShapeKind.MiraiGre => ShapeNames.MiraiGre,
        ShapeKind.HttpRequests => ShapeNames.HttpRequests,
        ShapeKind.HttpMiraiOrder => ShapeNames.HttpMiraiOrder,
        ShapeKind.HttpMiraiAgent => ShapeNames.HttpMiraiAgent,
        _ => ShapeNames.TtlAbove64,
    };
}
