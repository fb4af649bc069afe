using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Breakwater.Wire.Bgp;

namespace Breakwater.Bgp;

/// <summary>
/// One configured neighbour and its sessions over time: connects (active) or waits for the neighbour (passive), runs
/// a <see cref="BgpSession"/>, and after it ends waits a backoff that doubles up to a limit (reset once a session was
/// established) before trying again. The speaker's routes are sent in full whenever a session comes up.
/// </summary>
public sealed class BgpPeer
{
    private readonly BgpSpeaker _speaker;
    private readonly Channel<Stream> _incoming = Channel.CreateBounded<Stream>(1);
    private readonly Lock _stateLock = new();
    private BgpPeerState _state = BgpPeerState.Idle;
    private BgpSession? _session;

    internal BgpPeer(BgpSpeaker speaker, BgpNeighborOptions options)
    {
        _speaker = speaker;
        Options = options;
    }

    public BgpNeighborOptions Options { get; }

    public BgpPeerCounters Counters { get; } = new();

    public BgpPeerState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>Families both sides agreed on in the last OPEN exchange.</summary>
    public IReadOnlyList<BgpFamily> NegotiatedFamilies { get; private set; } = [];

    /// <summary>Why the last session ended (null until one has).</summary>
    public string? LastError { get; private set; }

    /// <summary>Raised on every FSM state change (from the session's thread).</summary>
    public event Action<BgpPeer, BgpPeerState>? StateChanged;

    /// <summary>Raised after UPDATEs carrying <c>count</c> route changes were written to the connection.</summary>
    public event Action<BgpPeer, int>? RoutesSent;

    /// <summary>Completes when the neighbour reaches <paramref name="state"/>.</summary>
    public async Task WaitForStateAsync(BgpPeerState state, CancellationToken cancellationToken)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(BgpPeer peer, BgpPeerState now)
        {
            if (now == state)
            {
                reached.TrySetResult();
            }
        }

        StateChanged += Handler;
        try
        {
            if (State == state)
            {
                return;
            }

            await reached.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            StateChanged -= Handler;
        }
    }

    internal void SetState(BgpPeerState state)
    {
        lock (_stateLock)
        {
            if (_state == state)
            {
                return;
            }

            _state = state;
        }

        _speaker.Log($"bgp neighbour {Options.Name}: {state}");
        StateChanged?.Invoke(this, state);
    }

    internal void Negotiated(BgpOpen open, IReadOnlyList<BgpFamily> families)
    {
        NegotiatedFamilies = families;
        _speaker.Log($"bgp neighbour {Options.Name}: AS {open.AsNumber}, hold {open.HoldTime} s, families {string.Join(' ', families)}");
    }

    internal void Report(string message) => _speaker.Log($"bgp neighbour {Options.Name}: {message}");

    internal void Sent(IReadOnlyCollection<BgpRouteChange> changes) => RoutesSent?.Invoke(this, changes.Count);

    /// <summary>Hands an accepted connection to a passive neighbour; refused while a session is up.</summary>
    internal bool TryAccept(Stream stream) => Options.Mode == BgpConnectMode.Passive && _incoming.Writer.TryWrite(stream);

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var delay = _speaker.Options.ReconnectDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var established = false;
            try
            {
                var stream = await ConnectAsync(cancellationToken);
                await using var session = new BgpSession(_speaker, this, stream);
                _session = session;
                (LastError, established) = await session.RunAsync(cancellationToken);
                _session = null;
                Report("session ended: " + LastError);
            }
            catch (SocketException exception)
            {
                LastError = $"connect failed: {exception.SocketErrorCode}";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            SetState(BgpPeerState.Idle);
            delay = established ? _speaker.Options.ReconnectDelay : delay;
            try
            {
                await Task.Delay(delay, _speaker.Time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _speaker.Options.MaxReconnectDelay.Ticks));
        }

        SetState(BgpPeerState.Idle);
    }

    private async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        if (Options.Mode == BgpConnectMode.Passive)
        {
            SetState(BgpPeerState.Active);
            return await _incoming.Reader.ReadAsync(cancellationToken);
        }

        SetState(BgpPeerState.Connect);
        var socket = new Socket(Options.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (Options.LocalAddress is { } local)
            {
                socket.Bind(new IPEndPoint(local, 0));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new IPEndPoint(Options.Address, Options.Port), timeout.Token);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
