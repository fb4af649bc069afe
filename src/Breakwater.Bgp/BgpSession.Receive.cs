using System.Buffers;
using System.Threading.Channels;
using Breakwater.Wire.Bgp;

namespace Breakwater.Bgp;

internal sealed partial class BgpSession
{
    private async Task<(BgpMessageType Type, byte[] Body)> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (BgpFraming.TryReadMessage(ref buffer, out var message, out var error))
            {
                var bytes = message.ToArray();
                _reader.AdvanceTo(buffer.Start);
                RestartHoldTimer();
                return (BgpFraming.TypeOf(bytes), bytes[BgpFraming.HeaderLength..]);
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (!error.IsNone)
            {
                throw new BgpSessionEnd($"bad message from the neighbour: {error}", new BgpNotification(error));
            }

            if (result.IsCompleted)
            {
                throw new BgpSessionEnd("connection closed by the neighbour");
            }
        }
    }

    private async Task ReceiveOpenAsync(CancellationToken cancellationToken)
    {
        var (type, body) = await ReadMessageAsync(cancellationToken);
        ThrowIfNotification(type, body);
        if (type != BgpMessageType.Open)
        {
            throw FsmError($"expected OPEN, got {type}");
        }

        if (!BgpOpen.TryParse(body, out var open, out var error))
        {
            throw new BgpSessionEnd($"bad OPEN: {error}", new BgpNotification(error));
        }

        if (open.AsNumber != _peer.Options.RemoteAs)
        {
            throw new BgpSessionEnd($"neighbour is AS {open.AsNumber}, configured remote_as is {_peer.Options.RemoteAs}",
                new BgpNotification(BgpError.Open(BgpErrorCode.BadPeerAs)));
        }

        if (open.BgpIdentifier == RouterIdValue() && open.AsNumber == _speaker.Options.LocalAs)
        {
            throw new BgpSessionEnd("neighbour uses our BGP identifier", new BgpNotification(BgpError.Open(BgpErrorCode.BadBgpIdentifier)));
        }

        // Without the multiprotocol capability a speaker does IPv4 unicast only (RFC 4760 §8).
        var theirs = open.Families.Count == 0 ? [BgpFamily.Ipv4Unicast] : open.Families;
        Families = _peer.Options.Families.Where(theirs.Contains).ToList();
        FourOctetAs = open.FourOctetAs;
        RouteRefresh = open.RouteRefresh;
        var local = _speaker.Options.HoldTime;
        _holdTime = TimeSpan.FromSeconds(Math.Min(local.TotalSeconds, open.HoldTime));
        if (_holdTime > TimeSpan.Zero)
        {
            var interval = _holdTime / 3;
            _keepaliveTimer = _speaker.Time.CreateTimer(_ => SendKeepalive(), null, interval, interval);
        }
        else
        {
            _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        RestartHoldTimer();
        _peer.Negotiated(open, Families);
    }

    private async Task ReceiveKeepaliveAsync(CancellationToken cancellationToken)
    {
        var (type, body) = await ReadMessageAsync(cancellationToken);
        ThrowIfNotification(type, body);
        if (type != BgpMessageType.Keepalive)
        {
            throw FsmError($"expected KEEPALIVE in OpenConfirm, got {type}");
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (type, body) = await ReadMessageAsync(cancellationToken);
            switch (type)
            {
                case BgpMessageType.Keepalive:
                    break;
                case BgpMessageType.Update:
                    ReceiveUpdate(body);
                    break;
                case BgpMessageType.RouteRefresh:
                    if (BgpRouteRefresh.TryParse(body, out var family) && Families.Contains(family))
                    {
                        _speaker.Resend(this, family);
                    }

                    break;
                case BgpMessageType.Notification:
                    ThrowIfNotification(type, body);
                    break;
                default:
                    throw FsmError($"unexpected {type} in Established");
            }
        }
    }

    private void ReceiveUpdate(byte[] body)
    {
        _peer.Counters.UpdateReceived();
        var verdict = BgpUpdateValidator.Validate(body, FourOctetAs);
        switch (verdict.Action)
        {
            case BgpUpdateAction.SessionReset:
                throw new BgpSessionEnd($"malformed UPDATE: {verdict.Error}", new BgpNotification(verdict.Error));
            case BgpUpdateAction.TreatAsWithdraw:
                // Breakwater imports nothing, so a withdrawal changes nothing; it is counted and the session stays up.
                _peer.Counters.TreatedAsWithdraw();
                _peer.Report($"UPDATE treated as withdraw (RFC 7606): {verdict.Error}");
                break;
            case BgpUpdateAction.AttributeDiscard:
                _peer.Counters.AttributeDiscarded();
                break;
        }
    }

    private void ThrowIfNotification(BgpMessageType type, byte[] body)
    {
        if (type != BgpMessageType.Notification)
        {
            return;
        }

        _peer.Counters.NotificationReceived();
        var text = BgpNotification.TryParse(body, out var notification) ? notification.Description : "unreadable NOTIFICATION";
        throw new BgpSessionEnd($"neighbour sent NOTIFICATION: {text}");
    }

    private static BgpSessionEnd FsmError(string reason) =>
        new(reason, new BgpNotification(BgpErrorCode.FiniteStateMachine, 0, []));

    private void SendKeepalive() => _ = SendKeepaliveAsync();

    private async Task SendKeepaliveAsync()
    {
        try
        {
            await SendAsync(BgpKeepalive.Write, _closed.Token);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            _closeReason ??= "keepalive could not be sent: " + exception.Message;
            TryClose();
        }
    }

    private void TryClose()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task SendChangesAsync(ChannelReader<BgpRouteChange> changes, CancellationToken cancellationToken)
    {
        var external = _peer.Options.RemoteAs != _speaker.Options.LocalAs;
        try
        {
            var batch = new List<BgpRouteChange>();
            while (await changes.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (batch.Count < 50_000 && changes.TryRead(out var change))
                {
                    if (Families.Contains(change.Route.Family))
                    {
                        batch.Add(change);
                    }
                }

                var updates = BgpUpdatePacker.Pack(batch, _speaker.Options.LocalAs, external, FourOctetAs);
                if (updates.Count == 0)
                {
                    continue;
                }

                await _writeLock.WaitAsync(cancellationToken);
                try
                {
                    foreach (var update in updates)
                    {
                        update.Write(_writer, FourOctetAs);
                    }

                    await _writer.FlushAsync(cancellationToken);
                }
                finally
                {
                    _writeLock.Release();
                }

                _peer.Counters.AddUpdatesSent(updates.Count);
                _peer.Sent(batch);
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ObjectDisposedException)
        {
            _closeReason ??= "sending failed: " + exception.Message;
            TryClose();
        }
        catch (OperationCanceledException)
        {
            // The session is closing.
        }
    }
}
