using Breakwater.Wire;

namespace Breakwater.Analysis;

/// <summary>Passes records to <typeparamref name="TInner"/> only when <see cref="InputClock"/> accepts their time stamp.</summary>
internal readonly struct TimeCheckedSink<TInner>(TInner inner, InputClock clock) : ITrafficSink
    where TInner : struct, ITrafficSink
{
    public void OnRecord(ref TrafficRecord record, ReadOnlySpan<byte> payload)
    {
        if (clock.Accept(record.TimestampNanos))
        {
            inner.OnRecord(ref record, payload);
        }
    }

    public void OnMalformed(MalformedReason reason, long timestampNanos, uint frameLength) => inner.OnMalformed(reason, timestampNanos, frameLength);
}
