namespace Breakwater.Alerts;

/// <summary>One channel's counts since start (the same numbers as its metrics).</summary>
public sealed class ChannelStats
{
    private long _sent;
    private long _failed;
    private long _retries;
    private long _coalesced;
    private long _suppressed;
    private long _dropped;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public long Retries => Interlocked.Read(ref _retries);

    public long Coalesced => Interlocked.Read(ref _coalesced);

    public long Suppressed => Interlocked.Read(ref _suppressed);

    public long Dropped => Interlocked.Read(ref _dropped);

    internal void AddSent() => Interlocked.Increment(ref _sent);

    internal void AddFailed() => Interlocked.Increment(ref _failed);

    internal void AddRetry() => Interlocked.Increment(ref _retries);

    internal void AddCoalesced() => Interlocked.Increment(ref _coalesced);

    internal void AddSuppressed() => Interlocked.Increment(ref _suppressed);

    internal void AddDropped() => Interlocked.Increment(ref _dropped);
}
