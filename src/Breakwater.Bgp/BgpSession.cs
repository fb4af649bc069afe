using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Breakwater.Wire.Bgp;

namespace Breakwater.Bgp;

/// <summary>
/// One BGP session over one connection (RFC 4271 §8): OPEN exchange, KEEPALIVE to confirm, then UPDATEs out of the
/// speaker's routes; hold and keepalive timers on the speaker's <see cref="TimeProvider"/>. Reads go through a
/// <see cref="PipeReader"/> and the framing in <see cref="BgpFraming"/>; writes are serialized through one
/// <see cref="PipeWriter"/>. Any protocol error ends the session with the NOTIFICATION RFC 4271 / RFC 7606 asks for.
/// </summary>
internal sealed partial class BgpSession : IAsyncDisposable
{
    /// <summary>Hold time while waiting for the neighbour's OPEN (RFC 4271 §8.2.2 suggests 4 minutes).</summary>
    private static readonly TimeSpan s_openHoldTime = TimeSpan.FromMinutes(4);

    private readonly BgpSpeaker _speaker;
    private readonly BgpPeer _peer;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly ITimer _holdTimer;
    private ITimer? _keepaliveTimer;
    private TimeSpan _holdTime;
    private volatile string? _closeReason;
    private BgpNotification? _closeNotification;
    private Channel<BgpRouteChange>? _changes;

    public BgpSession(BgpSpeaker speaker, BgpPeer peer, Stream stream)
    {
        _speaker = speaker;
        _peer = peer;
        _stream = stream;
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 65536, leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        _holdTimer = speaker.Time.CreateTimer(_ => Expire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public IReadOnlyList<BgpFamily> Families { get; private set; } = [];

    public bool FourOctetAs { get; private set; }

    public bool RouteRefresh { get; private set; }

    /// <summary>Runs the session to its end; returns the reason it ended and whether it was ever established.</summary>
    public async Task<(string Reason, bool WasEstablished)> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        var established = false;
        Task? sender = null;
        try
        {
            _peer.SetState(BgpPeerState.OpenSent);
            _holdTimer.Change(s_openHoldTime, Timeout.InfiniteTimeSpan);
            await SendAsync(w => LocalOpen().Write(w), linked.Token);
            await ReceiveOpenAsync(linked.Token);
            await SendAsync(BgpKeepalive.Write, linked.Token);
            _peer.SetState(BgpPeerState.OpenConfirm);
            await ReceiveKeepaliveAsync(linked.Token);
            established = true;
            _peer.SetState(BgpPeerState.Established);
            _peer.Counters.SessionEstablished();
            _changes = _speaker.Subscribe(this);
            sender = SendChangesAsync(_changes.Reader, linked.Token);
            await ReceiveLoopAsync(linked.Token);
            return (_closeReason ?? "connection closed", established);
        }
        catch (BgpSessionEnd end)
        {
            _closeReason = end.Message;
            _closeNotification = end.Notification;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A timer or the sender closed the session; its reason is already set.
        }
        catch (OperationCanceledException)
        {
            _closeReason = "speaker stopped";
            _closeNotification = new BgpNotification(BgpErrorCode.Cease, BgpErrorCode.AdministrativeShutdown, []);
        }
        catch (IOException exception)
        {
            _closeReason = "connection lost: " + exception.Message;
        }
        finally
        {
            _speaker.Unsubscribe(this);
            _changes?.Writer.TryComplete();
            await _closed.CancelAsync();
            await NotifyAsync(_closeNotification);
            if (sender is not null)
            {
                await sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        return (_closeReason ?? "closed", established);
    }

    /// <summary>Queues a change; false when the session is gone.</summary>
    public bool Enqueue(BgpRouteChange change) => _changes?.Writer.TryWrite(change) ?? false;

    public async ValueTask DisposeAsync()
    {
        _holdTimer.Dispose();
        _keepaliveTimer?.Dispose();
        await _reader.CompleteAsync();
        await _writer.CompleteAsync();
        await _stream.DisposeAsync();
        _closed.Dispose();
        _writeLock.Dispose();
    }

    private BgpOpen LocalOpen() => new()
    {
        AsNumber = _speaker.Options.LocalAs,
        HoldTime = (ushort)_speaker.Options.HoldTime.TotalSeconds,
        BgpIdentifier = RouterIdValue(),
        Families = _peer.Options.Families,
        RouteRefresh = true,
        FourOctetAs = true,
    };

    private uint RouterIdValue()
    {
        Span<byte> bytes = stackalloc byte[4];
        _speaker.Options.RouterId.MapToIPv4().TryWriteBytes(bytes, out _);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private void Expire()
    {
        _closeReason = $"hold timer expired ({_holdTime.TotalSeconds:0} s without a message)";
        _closeNotification = new BgpNotification(BgpErrorCode.HoldTimerExpired, 0, []);
        _closed.Cancel();
    }

    private void RestartHoldTimer()
    {
        if (_holdTime > TimeSpan.Zero)
        {
            _holdTimer.Change(_holdTime, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task SendAsync(Action<IBufferWriter<byte>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            write(_writer);
            await _writer.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task NotifyAsync(BgpNotification? notification)
    {
        if (notification is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await SendAsync(notification.Write, timeout.Token);
            _peer.Counters.NotificationSent();
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The connection is already gone; the NOTIFICATION is a courtesy.
        }
    }
}
