using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Breakwater.Wire;

namespace Breakwater.Simulation;

/// <summary>
/// Normal traffic: conversations start at a rate that yields the configured packets per second, and each one
/// schedules its packets (TCP handshake, request, response segments, teardown; DNS query and answer; QUIC
/// exchanges; pings) into a pending heap, so the packets of many conversations interleave as on a real link.
/// </summary>
internal sealed class BackgroundStream : PacketStream
{
    private const int Mss = 1448;
    private const byte Fin = 0x01;
    private const byte Syn = 0x02;
    private const byte Psh = 0x08;
    private const byte Ack = 0x10;

    private readonly BackgroundSpec _spec;
    private readonly long _epochNs;
    private readonly NetAddress[] _clients;
    private readonly byte[] _clientTtls;
    private readonly NetAddress[] _servers;
    private readonly byte[][] _responses;
    private readonly byte[] _request;
    private readonly byte[] _pool = new byte[1 << 16];
    private readonly PendingHeap _pending = new();
    private readonly double _conversationGapNs;
    private readonly double[] _mix;
    private SimRandom _random;
    private int _span;
    private double _nextConversation;

    public BackgroundStream(BackgroundSpec spec, long epochNs, ulong seed)
    {
        _spec = spec;
        _epochNs = epochNs;
        _random = new SimRandom(seed);
        _clients = new NetAddress[Math.Max(1, spec.Clients)];
        _clientTtls = new byte[_clients.Length];
        for (var i = 0; i < _clients.Length; i++)
        {
            do
            {
                _clients[i] = AddressSpace.RandomUnicast(ref _random, ipv6: false);
            }
            while (spec.ServerPrefix.Contains(_clients[i]));

            _clientTtls[i] = (byte)((_random.Next(3) == 0 ? 128 : 64) - _random.Next(6, 20));
        }

        _servers = new NetAddress[Math.Max(1, spec.Servers)];
        for (var i = 0; i < _servers.Length; i++)
        {
            _servers[i] = AddressSpace.Host(spec.ServerPrefix, (ulong)(10 + i));
        }

        _request = Encoding.ASCII.GetBytes("GET /index.html HTTP/1.1\r\nHost: www.example.net\r\nUser-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n");
        _responses = new byte[4][];
        for (var i = 0; i < _responses.Length; i++)
        {
            var body = new string('x', 600 + (i * 1500));
            _responses[i] = Encoding.ASCII.GetBytes(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.Length.ToString(CultureInfo.InvariantCulture) + "\r\n\r\n" + body);
        }

        // Letters and digits: raw random bytes in QUIC datagrams match other dissectors' heuristics (COTP, R-GOOSE).
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (var i = 0; i < _pool.Length; i++)
        {
            _pool[i] = (byte)alphabet[_random.Next(alphabet.Length)];
        }

        var total = spec.Web + spec.Dns + spec.Quic + spec.Icmp;
        _mix = [spec.Web / total, (spec.Web + spec.Dns) / total, (spec.Web + spec.Dns + spec.Quic) / total, 1.0];
        var meanPackets = (spec.Web * 10.5 + spec.Dns * 2 + spec.Quic * 7 + spec.Icmp * 6) / total;
        _conversationGapNs = spec.Pps > 0 ? meanPackets * 1e9 / spec.Pps : double.PositiveInfinity;
        _span = 0;
        _nextConversation = spec.Spans.Count > 0 ? epochNs + spec.Spans[0].StartNs : double.PositiveInfinity;
        UpdateNext();
    }

    public override void EmitNext(FrameBuilder builder)
    {
        if (!double.IsPositiveInfinity(_nextConversation) && (long)_nextConversation <= _pending.PeekNs)
        {
            StartConversation((long)_nextConversation);
            _nextConversation += _conversationGapNs * 2 * _random.NextDouble();
            var spanEnd = _epochNs + _spec.Spans[_span].EndNs;
            if (_nextConversation >= spanEnd)
            {
                _span++;
                _nextConversation = _span < _spec.Spans.Count
                    ? Math.Max(_nextConversation, _epochNs + _spec.Spans[_span].StartNs)
                    : double.PositiveInfinity;
            }

            UpdateNext();
            return;
        }

        var packet = _pending.Pop();
        Write(builder, packet);
        UpdateNext();
    }

    private void UpdateNext()
    {
        var conversation = double.IsPositiveInfinity(_nextConversation) ? long.MaxValue : (long)_nextConversation;
        NextNs = Math.Min(_pending.PeekNs, conversation);
    }

    private void StartConversation(long t0)
    {
        var roll = _random.NextDouble();
        var client = _random.Next(_clients.Length);
        var server = _random.Next(_servers.Length);
        var clientPort = (ushort)_random.Next(32768, 60999);
        while (StrictPorts.Contains(clientPort))
        {
            clientPort++;
        }

        var rtt = (long)_random.Next(8, 80) * 1_000_000;
        if (roll < _mix[0])
        {
            StartTcp(t0, client, server, clientPort, rtt);
        }
        else if (roll < _mix[1])
        {
            var resolver = _random.Next(Math.Min(2, _servers.Length));
            var query = new BackgroundPacket
            {
                Ns = t0, Kind = BackgroundKind.DnsQuery, Client = client, Server = resolver, ClientPort = clientPort, ServerPort = 53,
                Variant = _random.NextUInt16(), Offset = _random.Next(1000),
            };
            _pending.Push(query);
            query.Ns = t0 + (rtt / 4);
            query.Kind = BackgroundKind.DnsResponse;
            query.FromServer = true;
            _pending.Push(query);
        }
        else if (roll < _mix[2])
        {
            var count = _random.Next(4, 10);
            var t = t0;
            for (var i = 0; i < count; i++)
            {
                _pending.Push(new BackgroundPacket
                {
                    Ns = t, Kind = BackgroundKind.Quic, FromServer = (i & 1) == 1, Client = client, Server = server, ClientPort = clientPort,
                    ServerPort = 443, Length = i == 0 ? 1200 : _random.Next(40, 1250),
                });
                t += rtt / 2;
            }
        }
        else
        {
            for (var i = 0; i < 3; i++)
            {
                var ping = new BackgroundPacket
                {
                    Ns = t0 + (i * 1_000_000_000L), Kind = BackgroundKind.EchoRequest, Client = client, Server = server,
                    ClientPort = clientPort, Variant = i + 1, Length = 56,
                };
                _pending.Push(ping);
                ping.Ns += rtt;
                ping.Kind = BackgroundKind.EchoReply;
                ping.FromServer = true;
                _pending.Push(ping);
            }
        }
    }

    private void StartTcp(long t0, int client, int server, ushort clientPort, long rtt)
    {
        var tls = _random.Next(2) == 0;
        var kind = tls ? BackgroundKind.Tls : BackgroundKind.Http;
        var variant = _random.Next(_responses.Length);
        var request = tls ? _random.Next(200, 600) : _request.Length;
        var response = tls ? _random.Next(800, 6000) : _responses[variant].Length;
        if (response % Mss is > 0 and < 64)
        {
            // Every TLS segment carries one whole record, so the last one needs room for a record header and data.
            response += 64;
        }

        var c = _random.NextUInt32();
        var s = _random.NextUInt32();
        var p = new BackgroundPacket
        {
            Kind = kind, Client = client, Server = server, ClientPort = clientPort, ServerPort = tls ? (ushort)443 : (ushort)80, Variant = variant,
        };
        void Add(long ns, bool fromServer, byte flags, uint seq, uint ack, int offset, int length)
        {
            p.Ns = ns;
            p.FromServer = fromServer;
            p.Flags = flags;
            p.Seq = seq;
            p.Ack = ack;
            p.Offset = offset;
            p.Length = length;
            _pending.Push(p);
        }

        var half = rtt / 2;
        Add(t0, false, Syn, c, 0, 0, 0);
        Add(t0 + half, true, Syn | Ack, s, c + 1, 0, 0);
        Add(t0 + rtt, false, Ack, c + 1, s + 1, 0, 0);
        Add(t0 + rtt + 200_000, false, Psh | Ack, c + 1, s + 1, 0, request);
        var t = t0 + rtt + half + 2_000_000;
        for (var offset = 0; offset < response; offset += Mss)
        {
            var length = Math.Min(Mss, response - offset);
            Add(t, true, offset + length >= response ? (byte)(Psh | Ack) : Ack, s + 1 + (uint)offset, c + 1 + (uint)request, offset, length);
            t += 120_000;
        }

        var cEnd = c + 1 + (uint)request;
        var sEnd = s + 1 + (uint)response;
        t += half;
        Add(t, false, Ack, cEnd, sEnd, 0, 0);
        Add(t + 1_000_000, false, Fin | Ack, cEnd, sEnd, 0, 0);
        Add(t + 1_000_000 + half, true, Fin | Ack, sEnd, cEnd + 1, 0, 0);
        Add(t + 1_000_000 + rtt, false, Ack, cEnd + 1, sEnd + 1, 0, 0);
    }

    private void Write(FrameBuilder builder, in BackgroundPacket p)
    {
        var client = _clients[p.Client];
        var server = _servers[p.Server];
        var (source, destination) = p.FromServer ? (server, client) : (client, server);
        var ttl = p.FromServer ? (byte)64 : _clientTtls[p.Client];
        var (sport, dport) = p.FromServer ? (p.ServerPort, p.ClientPort) : (p.ClientPort, p.ServerPort);
        var t = builder.Transport(ipv6: false);
        var ipId = _random.NextUInt16();
        switch (p.Kind)
        {
            case BackgroundKind.Http:
            case BackgroundKind.Tls:
                var header = (p.Flags & Syn) != 0 ? 24 : 20;
                BinaryPrimitives.WriteUInt16BigEndian(t, sport);
                BinaryPrimitives.WriteUInt16BigEndian(t[2..], dport);
                BinaryPrimitives.WriteUInt32BigEndian(t[4..], p.Seq);
                BinaryPrimitives.WriteUInt32BigEndian(t[8..], p.Ack);
                t[12] = (byte)((header / 4) << 4);
                t[13] = p.Flags;
                BinaryPrimitives.WriteUInt16BigEndian(t[14..], p.FromServer ? (ushort)65160 : (ushort)64240);
                BinaryPrimitives.WriteUInt32BigEndian(t[16..], 0);
                if (header == 24)
                {
                    t[20] = 2;
                    t[21] = 4;
                    BinaryPrimitives.WriteUInt16BigEndian(t[22..], 1460);
                }

                var data = t.Slice(header, p.Length);
                if (p.Length > 0)
                {
                    if (p.Kind == BackgroundKind.Http)
                    {
                        (p.FromServer ? _responses[p.Variant].AsSpan(p.Offset, p.Length) : _request).CopyTo(data);
                    }
                    else
                    {
                        // One whole TLS application-data record per segment.
                        _pool.AsSpan(_random.Next(_pool.Length - p.Length), p.Length).CopyTo(data);
                        data[0] = 0x17;
                        data[1] = 3;
                        data[2] = 3;
                        BinaryPrimitives.WriteUInt16BigEndian(data[3..], (ushort)(p.Length - 5));
                    }
                }

                builder.Emit(p.Ns, source, destination, FrameBuilder.ProtoTcp, header + p.Length, ttl, ipId, 16);
                break;
            case BackgroundKind.DnsQuery:
            case BackgroundKind.DnsResponse:
                var length = Dns(t[8..], p);
                WriteUdpHeader(t, sport, dport, length);
                builder.Emit(p.Ns, source, destination, FrameBuilder.ProtoUdp, 8 + length, ttl, ipId, 6);
                break;
            case BackgroundKind.Quic:
                // A 1-RTT (short header) QUIC packet: fixed bit set, the rest is protected payload.
                _pool.AsSpan(_random.Next(_pool.Length - p.Length), p.Length).CopyTo(t[8..]);
                t[8] = (byte)(0x40 | (t[8] & 0x3F));
                WriteUdpHeader(t, sport, dport, p.Length);
                builder.Emit(p.Ns, source, destination, FrameBuilder.ProtoUdp, 8 + p.Length, ttl, ipId, 6);
                break;
            default:
                t[0] = p.Kind == BackgroundKind.EchoRequest ? (byte)8 : (byte)0;
                t[1] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(t[4..], p.ClientPort);
                BinaryPrimitives.WriteUInt16BigEndian(t[6..], (ushort)p.Variant);
                for (var i = 0; i < p.Length; i++)
                {
                    t[8 + i] = (byte)(0x10 + i);
                }

                builder.Emit(p.Ns, source, destination, FrameBuilder.ProtoIcmp, 8 + p.Length, ttl, ipId, 2);
                break;
        }
    }

    private static void WriteUdpHeader(Span<byte> t, ushort sport, ushort dport, int payload)
    {
        BinaryPrimitives.WriteUInt16BigEndian(t, sport);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], dport);
        BinaryPrimitives.WriteUInt16BigEndian(t[4..], (ushort)(8 + payload));
    }

    /// <summary>"www.siteNNN.example.com" A query, or its answer with one A record.</summary>
    private static int Dns(Span<byte> dns, in BackgroundPacket p)
    {
        BinaryPrimitives.WriteUInt16BigEndian(dns, (ushort)p.Variant);
        BinaryPrimitives.WriteUInt16BigEndian(dns[2..], p.Kind == BackgroundKind.DnsResponse ? (ushort)0x8180 : (ushort)0x0100);
        BinaryPrimitives.WriteUInt16BigEndian(dns[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(dns[6..], p.Kind == BackgroundKind.DnsResponse ? (ushort)1 : (ushort)0);
        BinaryPrimitives.WriteUInt32BigEndian(dns[8..], 0);
        var at = 12;
        dns[at++] = 3;
        "www"u8.CopyTo(dns[at..]);
        at += 3;
        dns[at++] = 7;
        "site"u8.CopyTo(dns[at..]);
        dns[at + 4] = (byte)('0' + (p.Offset / 100 % 10));
        dns[at + 5] = (byte)('0' + (p.Offset / 10 % 10));
        dns[at + 6] = (byte)('0' + (p.Offset % 10));
        at += 7;
        dns[at++] = 7;
        "example"u8.CopyTo(dns[at..]);
        at += 7;
        dns[at++] = 3;
        "com"u8.CopyTo(dns[at..]);
        at += 3;
        dns[at++] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(dns[at..], 0x0001_0001);
        at += 4;
        if (p.Kind == BackgroundKind.DnsResponse)
        {
            BinaryPrimitives.WriteUInt16BigEndian(dns[at..], 0xC00C);
            BinaryPrimitives.WriteUInt32BigEndian(dns[(at + 2)..], 0x0001_0001);
            BinaryPrimitives.WriteUInt32BigEndian(dns[(at + 6)..], 300);
            BinaryPrimitives.WriteUInt16BigEndian(dns[(at + 10)..], 4);
            BinaryPrimitives.WriteUInt32BigEndian(dns[(at + 12)..], 0xC633_6400u | (uint)(p.Offset & 0xFF));
            at += 16;
        }

        return at;
    }
}
