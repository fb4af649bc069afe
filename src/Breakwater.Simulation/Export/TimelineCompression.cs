namespace Breakwater.Simulation.Export;

/// <summary>
/// How a scenario's timeline is compressed for a live replay (the demo): silences longer than <see cref="IdleNanos"/>
/// (scenario time) take <see cref="Gap"/> of wall-clock time; attacks play <see cref="AttackSpeed"/> times faster than real
/// time (kept close to 1 so detection sees real rates and durations), traffic between attacks
/// <see cref="BackgroundSpeed"/> times faster. Rates rise by the same factor as the speed.
/// </summary>
internal sealed record TimelineCompression(double AttackSpeed, double BackgroundSpeed, TimeSpan Gap, IReadOnlyList<(long Start, long End)> Attacks)
{
    /// <summary>A silence of the scenario longer than this (30 s) is a gap between waves, not a pause within one.</summary>
    public const long IdleNanos = 30_000_000_000;

    private const double MaxBackgroundSpeed = 50;

    /// <summary>
    /// Fits the attacks (<paramref name="attack"/> of traffic time), the rest of the traffic (<paramref name="background"/>)
    /// and <paramref name="gaps"/> silences into about <paramref name="target"/>: attacks get up to three quarters of it at
    /// real speed or faster, each gap at least <paramref name="minGap"/> (long enough for incidents to end between waves),
    /// the background what is left.
    /// </summary>
    public static TimelineCompression Fit(TimeSpan attack, TimeSpan background, int gaps, TimeSpan target, TimeSpan minGap,
        IReadOnlyList<(long Start, long End)> attacks)
    {
        var attackSpeed = Math.Max(1, attack.TotalSeconds / Math.Max(1, target.TotalSeconds * 0.75));
        var gap = gaps == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(minGap.Ticks, (target - attack / attackSpeed).Ticks / 4 / gaps));
        var left = (target - attack / attackSpeed - gap * gaps).TotalSeconds;
        var backgroundSpeed = left <= 1 ? MaxBackgroundSpeed : Math.Clamp(background.TotalSeconds / left, 1, MaxBackgroundSpeed);
        return new TimelineCompression(attackSpeed, backgroundSpeed, gap, attacks);
    }

    /// <summary>Wall-clock time for scenario time from <paramref name="fromNanos"/> to <paramref name="toNanos"/> (no silence between).</summary>
    public TimeSpan WallTime(long fromNanos, long toNanos)
    {
        var inAttack = false;
        foreach (var (start, end) in Attacks)
        {
            inAttack |= toNanos > start && fromNanos < end;
        }

        return TimeSpan.FromTicks((long)((toNanos - fromNanos) / (inAttack ? AttackSpeed : BackgroundSpeed) / 100));
    }
}
