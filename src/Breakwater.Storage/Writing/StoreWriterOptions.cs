namespace Breakwater.Storage.Writing;

/// <summary>Queue sizes and intervals of the <see cref="StoreWriter"/>.</summary>
public sealed record StoreWriterOptions
{
    /// <summary>Incident snapshots, state changes and timeline rows are committed this often (at most 2 s: what a crash may lose).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rollup rows are added to the store this often (a crash loses at most this much of the current minute).</summary>
    public TimeSpan RollupFlushInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-incident timeline updates waiting for the writer; more are dropped and counted.</summary>
    public int TimelineQueue { get; init; } = 16_384;

    /// <summary>Per-target seconds waiting for the writer (10,000 hosts fill it in about 13 s); more are dropped and counted.</summary>
    public int RollupQueue { get; init; } = 131_072;

    /// <summary>Rows kept in memory while the store is failing (down PostgreSQL, full disk); past this, new rows are dropped and counted.</summary>
    public int MaxPendingRows { get; init; } = 1_000_000;

    public TimeSpan RollupRetention { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan TimelineRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How often expired rollups and timelines are deleted.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Longest wait between two tries while the store is failing.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
