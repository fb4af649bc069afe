using System.Globalization;

namespace Breakwater.Detection;

/// <summary>
/// Sampled traffic (sFlow 1:N, sampled NetFlow/IPFIX): per-target decisions on a sliding window of the last
/// <see cref="SampledRate.HistorySeconds"/> closed seconds plus the current one, with a Poisson confidence bound
/// on the sample count (<see cref="SampledRate"/>). Unsampled targets never come here; the history arrays are
/// allocated at the first sampled target.
/// </summary>
internal sealed class SampledWindow(int slots, DetectionClock clock, double releaseFraction)
{
    /// <summary>Class counts of the two history seconds per slot (16 longs a slot).</summary>
    private long[]? _classHistory;

    /// <summary>Counters of the two history seconds per slot.</summary>
    private SampleHistory[]? _history;

    /// <summary>A reused slot must not lend its previous target's seconds to the new one's window.</summary>
    public void Forget(int id)
    {
        if (_history is not null)
        {
            _history[id] = default;
        }
    }

    /// <summary>Remembers a closed second of a sampled target for its window.</summary>
    public void Push(int id, long s, long packets, long bytes, long samples, ReadOnlySpan<long> classes)
    {
        var history = _classHistory ??= new long[slots * 2 * GroupLimits.ClassCount];
        ref var slot = ref (_history ??= new SampleHistory[slots])[id];
        var at = id * 2 * GroupLimits.ClassCount;
        history.AsSpan(at, GroupLimits.ClassCount).CopyTo(history.AsSpan(at + GroupLimits.ClassCount, GroupLimits.ClassCount));
        classes.CopyTo(history.AsSpan(at, GroupLimits.ClassCount));
        slot.Second2 = slot.Second1;
        slot.Packets2 = slot.Packets1;
        slot.Bytes2 = slot.Bytes1;
        slot.Samples2 = slot.Samples1;
        slot.Second1 = s;
        slot.Packets1 = packets;
        slot.Bytes1 = bytes;
        slot.Samples1 = samples;
    }

    /// <summary>
    /// Whether the window ending with second <paramref name="s"/> (of which <paramref name="span"/> seconds are seen,
    /// with the given counters) is confidently over the target's thresholds. Seconds without a record count as empty;
    /// before the first record of the input nothing was seen, so the window is shorter there.
    /// </summary>
    public bool IsOver(
        int id, GroupLimits limits, long s, long packets, long bytes, long samples, ReadOnlySpan<long> classes, double span, long nowNanos,
        out string? reason, out double estimate, out long windowSamples)
    {
        Span<long> window = stackalloc long[GroupLimits.ClassCount];
        classes.CopyTo(window);
        if (_classHistory is { } history && _history is { } counters)
        {
            ref var h = ref counters[id];
            var at = id * 2 * GroupLimits.ClassCount;
            if (h.Second1 >= s - SampledRate.HistorySeconds && h.Second1 < s)
            {
                packets += h.Packets1;
                bytes += h.Bytes1;
                samples += h.Samples1;
                Add(window, history.AsSpan(at, GroupLimits.ClassCount));
            }

            if (h.Second2 >= s - SampledRate.HistorySeconds && h.Second2 < s)
            {
                packets += h.Packets2;
                bytes += h.Bytes2;
                samples += h.Samples2;
                Add(window, history.AsSpan(at + GroupLimits.ClassCount, GroupLimits.ClassCount));
            }
        }

        var seen = Math.Max(span, (Math.Min(nowNanos, (s + 1) * DetectionClock.NanosPerSecond) - clock.FirstNanos) / (double)DetectionClock.NanosPerSecond);
        var seconds = Math.Min(SampledRate.HistorySeconds + span, seen);
        reason = null;
        var ratio = limits.Ratio(packets, bytes, window, seconds);
        estimate = ratio;
        windowSamples = samples;
        if (seconds < SampledRate.MinWindowSeconds - 1e-9)
        {
            return false;
        }

        if (!SampledRate.IsOver(ratio, samples, releaseFraction))
        {
            return false;
        }

        reason = limits.Reason(packets, bytes, window, seconds)
            + string.Create(CultureInfo.InvariantCulture, $" (estimated over {seconds:0.##} s from {samples} samples)");
        return true;
    }

    /// <summary>
    /// Whether a sampled target's second counts as attack traffic (above the release level) for the onset, the end
    /// and the quiet count: the estimate over this second and the one before, with a moderate confidence bound,
    /// since one second of ~2 samples at the release level would flip either way at random.
    /// </summary>
    public bool IsAbove(int id, GroupLimits limits, long s, long packets, long bytes, long samples, ReadOnlySpan<long> classes, double span)
    {
        Span<long> window = stackalloc long[GroupLimits.ClassCount];
        classes.CopyTo(window);
        var seconds = span;
        if (_classHistory is { } history && _history is { } counters && counters[id].Second1 == s - 1)
        {
            packets += counters[id].Packets1;
            bytes += counters[id].Bytes1;
            samples += counters[id].Samples1;
            Add(window, history.AsSpan(id * 2 * GroupLimits.ClassCount, GroupLimits.ClassCount));
        }

        // A second without records before this one counts as an empty one, unless it came before the input.
        if (s - 1 >= clock.FirstSecond)
        {
            seconds += 1;
        }

        var ratio = limits.Ratio(packets, bytes, window, seconds);
        return samples > 0 && ratio * SampledRate.LowerBound(samples, SampledRate.AboveZ) / samples > releaseFraction;
    }

    private static void Add(Span<long> into, ReadOnlySpan<long> values)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += values[i];
        }
    }
}
