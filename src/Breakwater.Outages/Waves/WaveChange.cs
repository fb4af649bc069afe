namespace Breakwater.Outages.Waves;

/// <summary>What one bucket changed: nothing, a wave confirmed (with its onset in the past), or a wave ended.</summary>
public enum WaveChangeKind
{
    None,
    Started,
    Ended,
}

/// <summary>The result of feeding one bucket to a <see cref="WaveDetector"/>.</summary>
public readonly record struct WaveChange(WaveChangeKind Kind, Wave? Wave)
{
    public static WaveChange None => default;
}
