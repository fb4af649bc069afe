using System.Buffers.Binary;
using Breakwater.Core;
using Breakwater.Wire;

namespace Breakwater.Simulation;

/// <summary>Packet shapes of the vectors.</summary>
/// <remarks>
/// <code>
/// TCP (RFC 9293)  0 src port  2 dst port  4 seq  8 ack  12 data offset(4)  13 flags  14 window  16 checksum  18 urgent
/// UDP (RFC 768)   0 src port  2 dst port  4 length  6 checksum
/// ICMP echo       0 type  1 code  2 checksum  4 identifier  6 sequence
/// GRE (RFC 2784)  0 flags/version(2)  2 protocol type(2)
/// </code>
/// </remarks>
internal sealed partial class AttackStream
{
    private const byte Fin = 0x01;
    private const byte Syn = 0x02;
    private const byte Rst = 0x04;
    private const byte Psh = 0x08;
    private const byte Ack = 0x10;
    private const byte Urg = 0x20;

    // 0xFFFFFFFF (connectionless packet) + 'T' (A2S_INFO) + "Source Engine Query\0": 25 bytes, as Mirai sends it.
    private static ReadOnlySpan<byte> VsePayload =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, (byte)'T', (byte)'S', (byte)'o', (byte)'u', (byte)'r', (byte)'c', (byte)'e', (byte)' ', (byte)'E', (byte)'n',
        (byte)'g', (byte)'i', (byte)'n', (byte)'e', (byte)' ', (byte)'Q', (byte)'u', (byte)'e', (byte)'r', (byte)'y', 0x00,
    ];

    private static ReadOnlySpan<byte> Alphabet => "abcdefghijklmnopqrstuvwxyz0123456789"u8;

    private static ReadOnlySpan<byte> MiraiHttpGet =>
        "GET / HTTP/1.1\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36\r\nHost: victim.example\r\nConnection: keep-alive\r\nAccept: text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,*/*;q=0.8\r\nAccept-Language: en-US,en;q=0.8\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"u8;

    private static ReadOnlySpan<byte> BrowserHttpGet =>
        "GET / HTTP/1.1\r\nHost: victim.example\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\nAccept: text/html,application/xhtml+xml\r\nAccept-Language: en-US,en;q=0.5\r\nConnection: keep-alive\r\n\r\n"u8;

    private int WriteVector(FrameBuilder builder, int index, long now, NetAddress source, NetAddress target, byte ttl)
    {
        var vector = _spec.Vectors[index];
        var t = builder.Transport(_ipv6);
        var ipId = _random.NextUInt32();
        var length = vector.Kind switch
        {
            VectorKind.SynFlood => vector.Mirai
                ? Tcp(t, RandomPort(), DstPort(vector, 0), Syn, _random.NextUInt16(), miraiOptions: true, payload: 0)
                : Tcp(t, RandomPort(), DstPort(vector, 80), Syn, 64240, miraiOptions: false, payload: 0, mss: true),
            VectorKind.AckFlood => vector.Mirai
                ? Tcp(t, RandomPort(), DstPort(vector, 0), Ack, _random.NextUInt16(), miraiOptions: false, payload: PayloadSize(vector, 512))
                : Tcp(t, RandomPort(), DstPort(vector, 80), Ack, 502, miraiOptions: false, payload: PayloadSize(vector, 0)),
            VectorKind.RstFlood => Tcp(t, RandomPort(), DstPort(vector, 80), Rst, 0, miraiOptions: false, payload: 0),
            VectorKind.FinFlood => Tcp(t, RandomPort(), DstPort(vector, 80), Fin, 502, miraiOptions: false, payload: 0),
            VectorKind.TcpFlagAbuse => Tcp(t, RandomPort(), DstPort(vector, 80), OddFlags(), 1024, miraiOptions: false, payload: 0),
            VectorKind.TcpDataFlood => Tcp(t, RandomPort(), DstPort(vector, 80), Psh | Ack, 502, miraiOptions: false, payload: PayloadSize(vector, 768)),
            VectorKind.HttpFlood => HttpGet(t, vector),
            VectorKind.UdpFlood => Udp(t, RandomPort(), DstPort(vector, 0), RandomBytes(PayloadSize(vector, 512))),
            VectorKind.VseFlood => Udp(t, RandomPort(), DstPort(vector, 27015), VsePayload),
            VectorKind.IpFragmentFlood => Udp(t, RandomPort(), DstPort(vector, 0), RandomBytes(PayloadSize(vector, 3000))),
            VectorKind.GreFlood => Gre(t, source, target, vector),
            VectorKind.IcmpFlood => Icmp(t, vector),
            VectorKind.DnsWaterTorture => WaterTorture(t, index, vector),
            VectorKind.TcpReflection => Tcp(t, DstPort(vector, _random.Next(2) == 0 ? (ushort)80 : (ushort)443), RandomPort(), Syn | Ack, 65535, miraiOptions: false, payload: 0, mss: true),
            _ => Reflection(t, index, vector),
        };

        var (protocol, checksum) = vector.Kind switch
        {
            VectorKind.GreFlood => (FrameBuilder.ProtoGre, -1),
            VectorKind.IcmpFlood => _ipv6 ? (FrameBuilder.ProtoIcmpV6, 2) : (FrameBuilder.ProtoIcmp, 2),
            VectorKind.SynFlood or VectorKind.AckFlood or VectorKind.RstFlood or VectorKind.FinFlood or VectorKind.TcpFlagAbuse
                or VectorKind.TcpDataFlood or VectorKind.HttpFlood or VectorKind.TcpReflection => (FrameBuilder.ProtoTcp, 16),
            _ => (FrameBuilder.ProtoUdp, 6),
        };
        return builder.Emit(now, source, target, protocol, length, ttl, ipId, checksum);
    }

    private ushort RandomPort() => AnyPort(1024);

    private ushort AnyPort(int min)
    {
        while (true)
        {
            var port = _random.Next(min, 65535);
            if (!StrictPorts.Contains(port))
            {
                return (ushort)port;
            }
        }
    }

    private ushort DstPort(VectorSpec vector, ushort fallback)
    {
        if (vector.Ports.Count > 0)
        {
            return vector.Ports[vector.Ports.Count == 1 ? 0 : _random.Next(vector.Ports.Count)];
        }

        return fallback != 0 ? fallback : AnyPort(1);
    }

    private int PayloadSize(VectorSpec vector, int fallback)
    {
        var range = vector.Payload ?? _spec.Payload;
        return range is { } r ? (r.Min == r.Max ? r.Min : _random.Next(r.Min, r.Max)) : fallback;
    }

    private int OddFlags() => _random.Next(3) switch
    {
        0 => Fin | Psh | Urg,
        1 => 0,
        _ => Syn | Fin,
    };

    private int Tcp(Span<byte> t, ushort sport, ushort dport, int flags, ushort window, bool miraiOptions, int payload, bool mss = false)
    {
        var header = miraiOptions ? 40 : mss ? 24 : 20;
        BinaryPrimitives.WriteUInt16BigEndian(t, sport);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], dport);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], _random.NextUInt32());
        BinaryPrimitives.WriteUInt32BigEndian(t[8..], (flags & Ack) != 0 ? _random.NextUInt32() : 0);
        t[12] = (byte)((header / 4) << 4);
        t[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(t[14..], window);
        BinaryPrimitives.WriteUInt32BigEndian(t[16..], 0);
        if (miraiOptions)
        {
            // Mirai's SYN options: MSS, SACK permitted, timestamps, NOP, window scale — 20 bytes.
            var o = t[20..40];
            o[0] = 2;
            o[1] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(o[2..], (ushort)(1400 + _random.Next(16)));
            o[4] = 4;
            o[5] = 2;
            o[6] = 8;
            o[7] = 10;
            BinaryPrimitives.WriteUInt32BigEndian(o[8..], _random.NextUInt32());
            BinaryPrimitives.WriteUInt32BigEndian(o[12..], 0);
            o[16] = 1;
            o[17] = 3;
            o[18] = 3;
            o[19] = 6;
        }
        else if (mss)
        {
            t[20] = 2;
            t[21] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(t[22..], 1460);
        }

        if (payload > 0)
        {
            RandomBytes(payload).CopyTo(t[header..]);
        }

        return header + payload;
    }

    private int HttpGet(Span<byte> t, VectorSpec vector)
    {
        var request = vector.Mirai ? MiraiHttpGet : BrowserHttpGet;
        var header = Tcp(t, RandomPort(), DstPort(vector, 80), Psh | Ack, 64240, miraiOptions: false, payload: 0);
        request.CopyTo(t[header..]);
        return header + request.Length;
    }

    private static int Udp(Span<byte> t, ushort sport, ushort dport, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt16BigEndian(t, sport);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], dport);
        BinaryPrimitives.WriteUInt16BigEndian(t[4..], (ushort)(8 + payload.Length));
        payload.CopyTo(t[8..]);
        return 8 + payload.Length;
    }

    private int Icmp(Span<byte> t, VectorSpec vector)
    {
        t[0] = _ipv6 ? (byte)128 : (byte)8;
        t[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(t[4..], _random.NextUInt16());
        BinaryPrimitives.WriteUInt16BigEndian(t[6..], (ushort)_icmpSequence++);
        var payload = PayloadSize(vector, 56);
        RandomBytes(payload).CopyTo(t[8..]);
        return 8 + payload;
    }

    /// <summary>Mirai greip/greeth: GRE around IP/UDP with 512 random bytes; the inner addresses repeat the outer ones.</summary>
    private int Gre(Span<byte> t, NetAddress source, NetAddress target, VectorSpec vector)
    {
        BinaryPrimitives.WriteUInt16BigEndian(t, 0);
        var at = 4;
        if (vector.GreEthernet)
        {
            BinaryPrimitives.WriteUInt16BigEndian(t[2..], 0x6558);
            var eth = t.Slice(4, 14);
            RandomBytes(12).CopyTo(eth);
            eth[0] &= 0xFE;
            eth[6] &= 0xFE;
            BinaryPrimitives.WriteUInt16BigEndian(eth[12..], _ipv6 ? (ushort)0x86DD : (ushort)0x0800);
            at += 14;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(t[2..], _ipv6 ? (ushort)0x86DD : (ushort)0x0800);
        }

        var payload = PayloadSize(vector, 512);
        var inner = t[at..];
        var ipLength = _ipv6 ? 40 : 20;
        var udp = inner[ipLength..];
        Udp(udp, RandomPort(), AnyPort(1), RandomBytes(payload));
        var udpLength = 8 + payload;
        if (_ipv6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(inner, 0x6000_0000u);
            BinaryPrimitives.WriteUInt16BigEndian(inner[4..], (ushort)udpLength);
            inner[6] = FrameBuilder.ProtoUdp;
            inner[7] = 64;
            source.WriteBytes(inner.Slice(8, 16));
            target.WriteBytes(inner.Slice(24, 16));
        }
        else
        {
            inner[0] = 0x45;
            inner[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(inner[2..], (ushort)(20 + udpLength));
            BinaryPrimitives.WriteUInt16BigEndian(inner[4..], _random.NextUInt16());
            BinaryPrimitives.WriteUInt16BigEndian(inner[6..], 0x4000);
            inner[8] = 64;
            inner[9] = FrameBuilder.ProtoUdp;
            BinaryPrimitives.WriteUInt32BigEndian(inner[10..], 0);
            BinaryPrimitives.WriteUInt32BigEndian(inner[12..], source.V4);
            BinaryPrimitives.WriteUInt32BigEndian(inner[16..], target.V4);
            BinaryPrimitives.WriteUInt16BigEndian(inner[10..], Checksum.Compute(inner[..20]));
        }

        // Inner UDP checksum over the inner pseudo-header, so a decoder that checks it sees a valid datagram.
        var sum = _ipv6 ? Checksum.Add(0, inner.Slice(8, 32)) : Checksum.Add(0, inner.Slice(12, 8));
        sum += FrameBuilder.ProtoUdp + (ulong)udpLength;
        var value = Checksum.Fold(Checksum.Add(sum, udp[..udpLength]));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], value == 0 ? (ushort)0xFFFF : value);
        return at + ipLength + udpLength;
    }

    /// <summary>A recursive query for a fresh random label under the victim's zone (A or AAAA).</summary>
    private int WaterTorture(Span<byte> t, int index, VectorSpec vector)
    {
        var dns = t[8..];
        BinaryPrimitives.WriteUInt16BigEndian(dns, _random.NextUInt16());
        BinaryPrimitives.WriteUInt16BigEndian(dns[2..], 0x0100);
        BinaryPrimitives.WriteUInt16BigEndian(dns[4..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(dns[6..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(dns[10..], 0);
        var label = _random.Next(8, 16);
        dns[12] = (byte)label;
        for (var i = 0; i < label; i++)
        {
            dns[13 + i] = Alphabet[_random.Next(Alphabet.Length)];
        }

        var at = 13 + label;
        var zone = _zones[index];
        zone.CopyTo(dns[at..]);
        at += zone.Length;
        BinaryPrimitives.WriteUInt16BigEndian(dns[at..], _random.Next(2) == 0 ? (ushort)1 : (ushort)28);
        BinaryPrimitives.WriteUInt16BigEndian(dns[(at + 2)..], 1);
        at += 4;
        BinaryPrimitives.WriteUInt16BigEndian(t, RandomPort());
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], DstPort(vector, 53));
        BinaryPrimitives.WriteUInt16BigEndian(t[4..], (ushort)(8 + at));
        return 8 + at;
    }

    private static byte[] EncodeZone(string zone)
    {
        var bytes = new List<byte>();
        PayloadTemplates.AddName(bytes, zone);
        return [.. bytes];
    }

    /// <summary>A reflected response: from the service port to a random port of the victim, payload from the templates.</summary>
    private int Reflection(Span<byte> t, int index, VectorSpec vector)
    {
        var templates = _templates[index];
        var template = templates[_random.Next(templates.Length)];
        var port = VectorCatalog.ReflectorPort(vector.Kind);
        var length = Udp(t, port, vector.Ports.Count > 0 ? DstPort(vector, 0) : RandomPort(), template);
        if (vector.Kind is VectorKind.DnsAmplification or VectorKind.MemcachedAmplification or VectorKind.RpcPortmapAmplification)
        {
            // Transaction/request id differs per response.
            BinaryPrimitives.WriteUInt16BigEndian(t[8..], (ushort)(_random.NextUInt16() & 0x7FFF));
        }

        return length;
    }
}
