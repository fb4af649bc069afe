using System.Numerics;
using System.Runtime.CompilerServices;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Detection;

/// <summary>
/// Per-record analysis of one hot target (pending or under attack): vector classes, unique sources, top
/// sources, feature samples for the fingerprint, source-spread facts for the spoofing heuristic and Mirai
/// shape counters. Pooled and reused; only a bounded number exist (<see cref="DetectionEngine"/>).
/// </summary>
internal sealed class IncidentTracker
{
    /// <summary>Precision 14: 16 KiB of registers, 0.81 % standard error, allocated for hot targets only.</summary>
    public const int SourcePrecision = 14;

    /// <summary>Heavy-hitter updates run for one record in four, picked at random, and are scaled back.</summary>
    private const ulong HeavyHitterMask = 3;
    private const int HeavyHitterStride = 4;

    /// <summary>
    /// Index after the vector kinds: packets of connections the target answers (<see cref="AnsweredFlows"/>), its
    /// normal traffic. Counted in the incident's packets and in the fingerprint's collateral, never reported as a vector.
    /// </summary>
    public const int Established = VectorNames.Count;

    /// <summary>Classes counted per tracker: the vector kinds and <see cref="Established"/>.</summary>
    public const int ClassCount = VectorNames.Count + 1;

    private readonly VectorStats?[] _vectors = new VectorStats?[ClassCount];
    private readonly long[] _miraiShape = new long[VectorNames.Count];
    private readonly ulong[] _slash8 = new ulong[4];
    private readonly ulong[] _ttls = new ulong[4];

    public HyperLogLog Sources { get; } = new(SourcePrecision);

    /// <summary>Connections the target takes part in (host trackers only).</summary>
    public AnsweredFlows Answered { get; } = new();

    /// <summary>The host this tracker analyses, while it is listed in <see cref="HotSources"/>.</summary>
    public NetAddress? Host { get; set; }

    public AddressTopK TopSources { get; } = new(32);

    public DnsNameStats? Dns { get; private set; }

    /// <summary>Records (not packets) seen, for the unique-sources-per-record ratio.</summary>
    public long Records { get; private set; }

    public long V4Packets { get; private set; }

    public long BogonPackets { get; private set; }

    public long SynWindowZero { get; private set; }

    public ReadOnlySpan<VectorStats?> Vectors => _vectors;

    public long MiraiShape(VectorKind kind) => _miraiShape[(int)kind];

    public int DistinctSlash8 => PopCount(_slash8);

    public int DistinctTtls => PopCount(_ttls);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ref TrafficRecord record, ReadOnlySpan<byte> payload, long packets, long bytes, ulong sourceHash, ulong random)
    {
        var kind = VectorClassifier.Classify(ref record, payload);
        if (kind is VectorKind.AckFlood or VectorKind.TcpDataFlood or VectorKind.RstFlood or VectorKind.FinFlood
            && !Answered.IsEmpty && Answered.Contains(record.Source, record.SourcePort, record.DestinationPort))
        {
            AddEstablished(ref record, payload, packets, bytes, random);
            return;
        }

        var v = _vectors[(int)kind] ?? CreateVector((int)kind);
        v.Packets += packets;
        v.Bytes += bytes;
        // GRE counts by what it carries, so the report can say what is inside the tunnel.
        var protocol = (record.Flags & RecordFlags.GreInnerDecoded) != 0 ? record.InnerProtocol : record.Protocol;
        v.ProtocolPackets[VectorStats.ProtocolIndex(protocol)] += packets;
        Records++;
        Sources.Add(sourceHash);
        if (record.Source.IsIPv4)
        {
            var octet = record.Source.V4 >> 24;
            _slash8[octet >> 6] |= 1UL << (int)(octet & 63);
            V4Packets += packets;
            if (octet is 0 or 10 or 127 or >= 224)
            {
                BogonPackets += packets;
            }
        }

        _ttls[record.Ttl >> 6] |= 1UL << (record.Ttl & 63);
        v.Sample(ref record, payload, packets, random >> 8);
        CountMiraiShape(kind, ref record, packets);
        if (kind == VectorKind.DnsWaterTorture)
        {
            (Dns ??= new DnsNameStats()).Add(payload);
        }

        if ((random & HeavyHitterMask) == 0)
        {
            var weight = packets * HeavyHitterStride;
            TopSources.Add(record.Source, weight);
            if ((record.Flags & RecordFlags.GreInnerDecoded) != 0)
            {
                v.SourcePorts.Add(record.InnerSourcePort, weight);
                v.DestinationPorts.Add(record.InnerDestinationPort, weight);
            }
            else if (record.Protocol is 6 or 17 && (record.Flags & RecordFlags.LaterFragment) == 0)
            {
                v.SourcePorts.Add(record.SourcePort, weight);
                v.DestinationPorts.Add(record.DestinationPort, weight);
            }
        }
    }

    /// <summary>A packet of an answered connection: counted and sampled (for collateral), outside the vectors and source statistics.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddEstablished(ref TrafficRecord record, ReadOnlySpan<byte> payload, long packets, long bytes, ulong random)
    {
        var v = _vectors[Established] ?? CreateVector(Established);
        v.Packets += packets;
        v.Bytes += bytes;
        v.ProtocolPackets[VectorStats.ProtocolIndex(record.Protocol)] += packets;
        v.Sample(ref record, payload, packets, random >> 8);
    }

    public void Reset()
    {
        foreach (var v in _vectors)
        {
            v?.Clear();
        }

        Array.Clear(_miraiShape);
        Array.Clear(_slash8);
        Array.Clear(_ttls);
        Sources.Clear();
        Answered.Clear();
        TopSources.Clear();
        Dns?.Clear();
        Records = 0;
        V4Packets = 0;
        BogonPackets = 0;
        SynWindowZero = 0;
    }

    /// <summary>Total packets sorted into vector classes (the denominator of shares).</summary>
    public long ClassifiedPackets()
    {
        long total = 0;
        foreach (var v in _vectors)
        {
            total += v?.Packets ?? 0;
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private VectorStats CreateVector(int index) => _vectors[index] = new VectorStats();

    // Default Mirai attack shapes (attack_tcp.c, attack_udp.c, attack_gre.c): SYN with a 20-byte option block,
    // ACK and UDP "plain" with 512 random bytes, STOMP data with 768 bytes, GRE carrying IPv4/UDP with 512 bytes.
    private void CountMiraiShape(VectorKind kind, ref TrafficRecord record, long packets)
    {
        switch (kind)
        {
            case VectorKind.SynFlood:
                if (record.TcpOptionsLength == 20)
                {
                    _miraiShape[(int)kind] += packets;
                }

                if (record.TcpWindow == 0)
                {
                    SynWindowZero += packets;
                }

                break;
            case VectorKind.AckFlood when record.PayloadLength == 512:
            case VectorKind.UdpFlood when record.PayloadLength == 512:
            case VectorKind.TcpDataFlood when record.PayloadLength == 768:
            case VectorKind.VseFlood:
                _miraiShape[(int)kind] += packets;
                break;
            case VectorKind.GreFlood when (record.Flags & RecordFlags.GreInnerDecoded) != 0 && record.InnerProtocol == 17:
                var perPacket = record.Packets == 0 ? 0 : record.Bytes / record.Packets;

                // Outer IPv4 (20) + GRE (4) + [Ethernet (14)] + inner IPv4 (20) + UDP (8) + 512 bytes.
                if (perPacket is 564 or 578)
                {
                    _miraiShape[(int)kind] += packets;
                }

                break;
        }
    }

    private static int PopCount(ulong[] bits)
    {
        var n = 0;
        foreach (var w in bits)
        {
            n += BitOperations.PopCount(w);
        }

        return n;
    }
}
