namespace Breakwater.Detection;

/// <summary>The per-second, per-target hook (<see cref="ITargetSecondObserver"/>): one call per closed target second.</summary>
public sealed partial class DetectionEngine
{
    /// <summary>Set before the first record; receives every closed target second (the daemon's store rolls them up per minute).</summary>
    public ITargetSecondObserver? SecondObserver
    {
        get => _hosts.SecondObserver;
        set => _hosts.SecondObserver = value;
    }
}
