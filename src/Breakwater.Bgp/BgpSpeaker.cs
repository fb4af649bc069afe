using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Breakwater.Wire.Bgp;

namespace Breakwater.Bgp;

/// <summary>
/// Breakwater's BGP speaker: the routes it wants announced (one table shared by every neighbour), one
/// <see cref="BgpPeer"/> per configured neighbour, and a listener for passive neighbours. Announce and withdraw
/// change the table and reach every established session at once; a session that comes up gets the whole table.
/// </summary>
public sealed class BgpSpeaker : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BgpRoute> _routes = new(StringComparer.Ordinal);
    private readonly List<BgpSession> _sessions = [];
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private TcpListener? _listener;

    public BgpSpeaker(BgpSpeakerOptions options, TimeProvider? time = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Time = time ?? TimeProvider.System;
        _log = log ?? (_ => { });
        Peers = options.Neighbors.Select(n => new BgpPeer(this, n)).ToList();
    }

    public BgpSpeakerOptions Options { get; }

    public TimeProvider Time { get; }

    public IReadOnlyList<BgpPeer> Peers { get; }

    /// <summary>The local endpoint passive neighbours connect to (after <see cref="Start"/>).</summary>
    public IPEndPoint? ListenEndpoint => _listener?.LocalEndpoint as IPEndPoint;

    public IReadOnlyList<BgpRoute> Routes
    {
        get
        {
            lock (_lock)
            {
                return [.. _routes.Values];
            }
        }
    }

    public void Start()
    {
        if (Options.Listen is { } listen && Peers.Any(p => p.Options.Mode == BgpConnectMode.Passive))
        {
            _listener = new TcpListener(listen);
            _listener.Start();
            _tasks.Add(AcceptLoopAsync(_listener, _stop.Token));
        }

        foreach (var peer in Peers)
        {
            _tasks.Add(peer.RunAsync(_stop.Token));
        }
    }

    /// <summary>Adds or replaces a route; true when the table changed.</summary>
    public bool Announce(BgpRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        lock (_lock)
        {
            if (_routes.TryGetValue(route.Key, out var existing) && existing.Equals(route))
            {
                return false;
            }

            _routes[route.Key] = route;
            Broadcast(new BgpRouteChange(route, Withdraw: false));
            return true;
        }
    }

    /// <summary>Removes a route by its key; true when it was there.</summary>
    public bool Withdraw(string key)
    {
        lock (_lock)
        {
            if (!_routes.Remove(key, out var route))
            {
                return false;
            }

            Broadcast(new BgpRouteChange(route, Withdraw: true));
            return true;
        }
    }

    public int WithdrawAll()
    {
        lock (_lock)
        {
            var keys = _routes.Keys.ToList();
            foreach (var key in keys)
            {
                Withdraw(key);
            }

            return keys.Count;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        await Task.WhenAll(_tasks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener?.Dispose();
        _stop.Dispose();
    }

    internal void Log(string message) => _log(message);

    internal Channel<BgpRouteChange> Subscribe(BgpSession session)
    {
        var channel = Channel.CreateUnbounded<BgpRouteChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var route in _routes.Values)
            {
                channel.Writer.TryWrite(new BgpRouteChange(route, Withdraw: false));
            }

            _sessions.Add(session);
        }

        return channel;
    }

    internal void Unsubscribe(BgpSession session)
    {
        lock (_lock)
        {
            _sessions.Remove(session);
        }
    }

    /// <summary>ROUTE-REFRESH from a neighbour: send it every route of that family again (RFC 2918 §4).</summary>
    internal void Resend(BgpSession session, BgpFamily family)
    {
        lock (_lock)
        {
            foreach (var route in _routes.Values.Where(r => r.Family == family))
            {
                session.Enqueue(new BgpRouteChange(route, Withdraw: false));
            }
        }
    }

    private void Broadcast(BgpRouteChange change)
    {
        foreach (var session in _sessions)
        {
            session.Enqueue(change);
        }
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var remote = ((IPEndPoint)socket.RemoteEndPoint!).Address;
            remote = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
            var peer = Peers.FirstOrDefault(p => p.Options.Mode == BgpConnectMode.Passive && p.Options.Address.Equals(remote));
            socket.NoDelay = true;
            if (peer is null || !peer.TryAccept(new NetworkStream(socket, ownsSocket: true)))
            {
                Log($"bgp: refused connection from {remote} (not a passive neighbour, or its session is up)");
                socket.Dispose();
            }
        }
    }
}
