using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Breakwater.Wire.Bgp;

namespace Breakwater.IntegrationTests.Bgp;

/// <summary>
/// A scripted BGP neighbour on loopback: accepts Breakwater's connection (or connects to it), answers the OPEN
/// exchange, reads what Breakwater sends, and can send anything, including hostile bytes.
/// </summary>
internal sealed class FakeBgpNeighbor : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private Socket? _socket;
    private byte[] _pending = [];

    public FakeBgpNeighbor() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task AcceptAsync(CancellationToken cancellationToken)
    {
        _socket?.Dispose();
        _pending = [];
        _socket = await _listener.AcceptSocketAsync(cancellationToken);
    }

    public async Task ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await _socket.ConnectAsync(endpoint, cancellationToken);
    }

    /// <summary>Reads Breakwater's OPEN, answers with ours and a KEEPALIVE, and reads its KEEPALIVE.</summary>
    public async Task<BgpOpen> HandshakeAsync(uint asNumber, ushort holdTime, CancellationToken cancellationToken, IReadOnlyList<BgpFamily>? families = null)
    {
        var (type, body) = await ReadAsync(cancellationToken);
        Assert.Equal(BgpMessageType.Open, type);
        Assert.True(BgpOpen.TryParse(body, out var open, out _));
        await SendAsync(Message(new BgpOpen
        {
            AsNumber = asNumber,
            HoldTime = holdTime,
            BgpIdentifier = 0x7F000063,
            Families = families ?? [BgpFamily.Ipv4Unicast, BgpFamily.Ipv6Unicast, BgpFamily.Ipv4FlowSpec, BgpFamily.Ipv6FlowSpec],
            RouteRefresh = true,
            FourOctetAs = true,
        }.Write), cancellationToken);
        await SendAsync(Message(BgpKeepalive.Write), cancellationToken);
        Assert.Equal(BgpMessageType.Keepalive, (await ReadAsync(cancellationToken)).Type);
        return open;
    }

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken) =>
        await _socket!.SendAsync(bytes, SocketFlags.None, cancellationToken);

    /// <summary>The next message, or (0, []) when Breakwater closed the connection.</summary>
    public async Task<(BgpMessageType Type, byte[] Body)> ReadAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[65536];
        while (true)
        {
            if (BgpFraming.TryReadMessage(_pending, out var length, out var error))
            {
                var message = _pending[..length];
                _pending = _pending[length..];
                return (BgpFraming.TypeOf(message), message[BgpFraming.HeaderLength..]);
            }

            Assert.True(error.IsNone, $"Breakwater sent a bad message: {error}");
            var read = await _socket!.ReceiveAsync(chunk, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                return (0, []);
            }

            _pending = [.. _pending, .. chunk.AsSpan(0, read)];
        }
    }

    /// <summary>Reads until a message of <paramref name="type"/> arrives (skipping KEEPALIVEs and others).</summary>
    public async Task<byte[]> ReadUntilAsync(BgpMessageType type, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (got, body) = await ReadAsync(cancellationToken);
            if (got == type)
            {
                return body;
            }

            Assert.True(got != 0, $"connection closed while waiting for {type}");
        }
    }

    public static byte[] Message(Action<IBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        _listener.Stop();
        _listener.Dispose();
        await Task.CompletedTask;
    }
}
