namespace Breakwater.Outages.Waves;

/// <summary>
/// One outage wave: <see cref="Start"/> is the start of its first elevated bucket, <see cref="End"/> the end of its
/// last (exclusive), <see cref="Peak"/> the start of its highest bucket.
/// </summary>
public sealed record Wave
{
    public required string Id { get; init; }

    public required string Signal { get; init; }

    public DateTimeOffset Start { get; init; }

    public DateTimeOffset Peak { get; init; }

    public DateTimeOffset End { get; init; }

    public double PeakCount { get; init; }

    /// <summary>The baseline median at the peak.</summary>
    public double Baseline { get; init; }

    /// <summary>Peak over baseline (the baseline counted as at least 1).</summary>
    public double Magnitude => PeakCount / Math.Max(Baseline, 1);

    public string BaselineSource { get; init; } = "none";

    /// <summary>Reports inside the wave (sum of its buckets).</summary>
    public long Reports { get; init; }

    /// <summary>Reports above the baseline inside the wave.</summary>
    public double ExcessReports { get; init; }

    public IReadOnlyList<CategoryCount> Categories { get; init; } = [];

    /// <summary>The series ended (or the daemon is still watching) while the wave was high.</summary>
    public bool Ongoing { get; init; }
}
