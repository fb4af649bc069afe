using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Breakwater.Wire;

namespace Breakwater.Ingest.Collectors;

/// <summary>
/// One UDP listener (IPv4 or IPv6). Receives into pooled buffers and queues datagrams for the decoder thread; when
/// no buffer is free or the queue is full the datagram is counted as a drop, never buffered without bound.
/// </summary>
public sealed class UdpCollector : IDisposable
{
    public const int ReceiveBufferBytes = 4 << 20;

    private readonly Socket _socket;
    private readonly ChannelWriter<ReceivedDatagram> _queue;
    private readonly DatagramPool _pool;
    private readonly TimeProvider _time;
    private byte[]? _scratch;

    public UdpCollector(FlowProtocol protocol, IPEndPoint endpoint, ChannelWriter<ReceivedDatagram> queue, DatagramPool pool,
        CollectorCounters counters, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Protocol = protocol;
        Counters = counters;
        _queue = queue;
        _pool = pool;
        _time = time ?? TimeProvider.System;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = ReceiveBufferBytes;
            if (_socket.ReceiveBufferSize < ReceiveBufferBytes && OperatingSystem.IsLinux())
            {
                // net.core.rmem_max caps SO_RCVBUF; as root SO_RCVBUFFORCE gets the buffer a flow burst needs.
                TryForceReceiveBuffer(_socket);
            }

            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                _socket.DualMode = endpoint.Address.Equals(IPAddress.IPv6Any);
            }

            _socket.Bind(endpoint);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new ListenException(protocol, endpoint, e);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public FlowProtocol Protocol { get; }

    public CollectorCounters Counters { get; }

    /// <summary>The bound address (the real port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The receive buffer the kernel granted (it may cap the 4 MiB asked for at net.core.rmem_max).</summary>
    public int ActualReceiveBufferBytes => _socket.ReceiveBufferSize;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var address = new SocketAddress(_socket.AddressFamily);
        var spare = Array.Empty<byte>();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (spare.Length == 0 && !_pool.TryRent(out spare))
            {
                // Every buffer is waiting for the decoder: receive into a scratch buffer and count the loss.
                spare = [];
            }

            var buffer = spare.Length > 0 ? spare : _scratch ??= new byte[_pool.BufferSize];
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, address, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                Counters.CountDrop(CollectorDrop.ReceiveError);
                continue;
            }

            var exporter = ExporterOf(address);
            if (length == buffer.Length)
            {
                // A datagram that fills the buffer was probably cut: decoding a part would under-count silently.
                Counters.CountDatagram(exporter);
                Counters.CountDrop(CollectorDrop.Truncated);
                continue;
            }

            Counters.CountDatagram(exporter);
            if (spare.Length == 0)
            {
                Counters.CountDrop(CollectorDrop.NoBuffer);
                continue;
            }

            if (_queue.TryWrite(new ReceivedDatagram(spare, length, exporter, _time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000, Protocol, Counters)))
            {
                spare = [];
            }
            else
            {
                Counters.CountDrop(CollectorDrop.QueueFull);
            }
        }

        if (spare.Length > 0)
        {
            _pool.Return(spare);
        }
    }

    public void Dispose() => _socket.Dispose();

    private static void TryForceReceiveBuffer(Socket socket)
    {
        const int SolSocket = 1;
        const int SoRcvBufForce = 33;
        try
        {
            socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(ReceiveBufferBytes));
        }
        catch (SocketException)
        {
            // Not root: keep what the kernel granted; ActualReceiveBufferBytes reports it.
        }
    }

    /// <summary>Reads the sender address from the raw sockaddr without allocating an IPEndPoint per datagram.</summary>
    private static NetAddress ExporterOf(SocketAddress address)
    {
        var bytes = address.Buffer.Span;
        // A dual-mode socket reports IPv4 senders as ::ffff:a.b.c.d, which is exactly NetAddress's IPv4 form.
        return address.Family == AddressFamily.InterNetworkV6
            ? NetAddress.FromV6(bytes.Slice(8, 16))
            : NetAddress.FromV4(bytes.Slice(4, 4));
    }
}
