using System.Globalization;

namespace Breakwater.Detection;

/// <summary>
/// Sub-second decisions for sampled traffic (sFlow 1:N, sampled NetFlow/IPFIX), the counterpart of
/// <see cref="OverwhelmingEvidence"/>: a target whose partial second already estimates
/// <see cref="OverwhelmingEvidence.Factor"/> times its thresholds, on enough samples that even the lower Poisson
/// bound of the rate (<see cref="SampledRate.Z"/>) is over them, is under attack without waiting for the two-second
/// window of <see cref="SampledWindow"/>. At 1:1024 against 4,000 pps that takes about 8 samples: a flood of 10× is
/// decided about 0.3 s after its onset, one of 5× in about 0.7 s, while one of 3× (12 samples a second) mostly
/// waits for the window, as do background peaks (a second with 8 samples of traffic at half the threshold is rarer
/// than one in 10⁵).
/// </summary>
internal static class SampledEvidence
{
    /// <summary>Fewest samples that may decide within a second: below it the lower bound says nothing.</summary>
    public const long MinSamples = 8;

    public static bool Holds(GroupLimits limits, long packets, long bytes, long samples, ReadOnlySpan<long> classes, double span, out string reason)
    {
        reason = "";
        if (samples < MinSamples || span < OverwhelmingEvidence.MinEvidenceSeconds)
        {
            return false;
        }

        var ratio = limits.Ratio(packets, bytes, classes, span);
        if (ratio < OverwhelmingEvidence.Factor)
        {
            return false;
        }

        var lower = ratio * SampledRate.LowerBound(samples) / samples;
        if (lower < 1)
        {
            return false;
        }

        reason = limits.Reason(packets, bytes, classes, span) + string.Create(
            CultureInfo.InvariantCulture,
            $" (estimated over {span:0.##} s from {samples} samples; its lower bound is {lower:0.#}× the thresholds)");
        return true;
    }
}
