namespace Breakwater.Bgp;

/// <summary>What one neighbour's sessions did, across reconnects; read by metrics and tests.</summary>
public sealed class BgpPeerCounters
{
    private long _updatesSent;
    private long _updatesReceived;
    private long _treatAsWithdraw;
    private long _attributeDiscard;
    private long _notificationsSent;
    private long _notificationsReceived;
    private long _established;

    public long UpdatesSent => Interlocked.Read(ref _updatesSent);

    public long UpdatesReceived => Interlocked.Read(ref _updatesReceived);

    /// <summary>UPDATEs from the neighbour whose routes were taken as withdrawn (RFC 7606).</summary>
    public long TreatAsWithdraw => Interlocked.Read(ref _treatAsWithdraw);

    public long AttributeDiscard => Interlocked.Read(ref _attributeDiscard);

    public long NotificationsSent => Interlocked.Read(ref _notificationsSent);

    public long NotificationsReceived => Interlocked.Read(ref _notificationsReceived);

    /// <summary>How many times a session reached Established.</summary>
    public long Established => Interlocked.Read(ref _established);

    internal void AddUpdatesSent(int count) => Interlocked.Add(ref _updatesSent, count);

    internal void UpdateReceived() => Interlocked.Increment(ref _updatesReceived);

    internal void TreatedAsWithdraw() => Interlocked.Increment(ref _treatAsWithdraw);

    internal void AttributeDiscarded() => Interlocked.Increment(ref _attributeDiscard);

    internal void NotificationSent() => Interlocked.Increment(ref _notificationsSent);

    internal void NotificationReceived() => Interlocked.Increment(ref _notificationsReceived);

    internal void SessionEstablished() => Interlocked.Increment(ref _established);
}
