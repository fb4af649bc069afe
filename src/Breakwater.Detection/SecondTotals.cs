namespace Breakwater.Detection;

/// <summary>One closed second of a host or prefix as the hysteresis step sees it.</summary>
internal readonly struct SecondTotals
{
    public SecondTotals(long second, long packets, long bytes, long samples, double seconds, bool above, bool over, bool decided)
    {
        Second = second;
        Packets = packets;
        Bytes = bytes;
        Samples = samples;
        Seconds = seconds;
        Above = above;
        Over = over;
        Decided = decided;
    }

    public long Second { get; }

    public long Packets { get; }

    public long Bytes { get; }

    /// <summary>Sampled packets before scaling (0 when unsampled).</summary>
    public long Samples { get; }

    /// <summary>Span of the second actually observed (the input's first and last seconds may be partial).</summary>
    public double Seconds { get; }

    /// <summary>Above the release level: the second belongs to the run.</summary>
    public bool Above { get; }

    /// <summary>Over a threshold: the second counts towards the trigger streak.</summary>
    public bool Over { get; }

    /// <summary>The evidence already spans the trigger time (a sampled window's confidence bound): the first second over opens.</summary>
    public bool Decided { get; }
}
