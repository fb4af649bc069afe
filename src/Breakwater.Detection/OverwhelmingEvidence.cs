using System.Globalization;

namespace Breakwater.Detection;

/// <summary>
/// Sub-second decisions for unsampled traffic: a host whose traffic in the current second is already
/// <see cref="Factor"/> times its thresholds, or that has run at that rate for <see cref="MinEvidenceSeconds"/>
/// since a burst began, is under attack without waiting for <c>trigger_seconds</c>. Marginal floods (under the
/// factor) still need the full trigger run, so that a busy host's normal peaks do not open incidents.
/// </summary>
internal static class OverwhelmingEvidence
{
    /// <summary>Multiple of the thresholds that is overwhelming: floods of 3× and more, with room for jitter.</summary>
    public const double Factor = 2.8;

    /// <summary>Shortest burst that may decide: a few hundred milliseconds of a flood, not a burst of one TCP window.</summary>
    public const double MinEvidenceSeconds = 0.15;

    /// <summary>A burst begins when the rate since the last check passes this multiple, and breaks below <see cref="BreakFactor"/>.</summary>
    private const double StartFactor = 2.0;

    private const double BreakFactor = 1.5;

    private static readonly long[] NoClasses = new long[GroupLimits.ClassCount];

    /// <summary>Runs at an intra-second check of an unsampled host; keeps the recent-rate and burst bookkeeping.</summary>
    public static bool Holds(ref TargetSlot slot, GroupLimits limits, ReadOnlySpan<long> classes, long nanos, DetectionClock clock, out string reason)
    {
        reason = "";
        var secondStart = Math.Max(slot.Second * DetectionClock.NanosPerSecond, clock.FirstNanos);
        var from = slot.LastCheckNanos == 0 ? secondStart : slot.LastCheckNanos;
        var fromPackets = slot.LastCheckPackets;
        var fromBytes = slot.LastCheckBytes;
        slot.LastCheckNanos = nanos;
        slot.LastCheckPackets = slot.Packets;
        slot.LastCheckBytes = slot.Bytes;

        // Several times the thresholds already in this partial second: nothing normal looks like that.
        var inSecond = limits.Ratio(slot.Packets, slot.Bytes, classes, 1.0);
        if (inSecond >= Factor)
        {
            reason = limits.Reason(slot.Packets, slot.Bytes, classes, 1.0) + Invariant($" (within the second, {inSecond:0.#}× the thresholds)");
            return true;
        }

        var recent = limits.Ratio(slot.Packets - fromPackets, slot.Bytes - fromBytes, NoClasses, Seconds(nanos - from));
        if (recent < BreakFactor)
        {
            slot.BurstNanos = 0;
            return false;
        }

        if (slot.BurstNanos == 0)
        {
            if (recent < StartFactor)
            {
                return false;
            }

            slot.BurstNanos = from;
            slot.BurstPackets = fromPackets;
            slot.BurstBytes = fromBytes;
        }

        var span = (nanos - slot.BurstNanos) / (double)DetectionClock.NanosPerSecond;
        if (span < MinEvidenceSeconds)
        {
            return false;
        }

        var packets = slot.Packets - slot.BurstPackets;
        var bytes = slot.Bytes - slot.BurstBytes;
        var ratio = limits.Ratio(packets, bytes, NoClasses, span);
        if (ratio < Factor)
        {
            return false;
        }

        reason = limits.Reason(packets, bytes, NoClasses, span) + Invariant($" (for {span:0.##} s, {ratio:0.#}× the thresholds)");
        return true;
    }

    private static double Seconds(long nanos) => Math.Max(nanos, DetectionClock.RateFloorNanos) / (double)DetectionClock.NanosPerSecond;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
