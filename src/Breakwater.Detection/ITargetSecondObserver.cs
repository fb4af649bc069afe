namespace Breakwater.Detection;

/// <summary>
/// Receives each tracked target's traffic once per closed second (the store's minute rollups subscribe here). Called on
/// the detection thread for every target that had traffic or an open run in that second, before the second's
/// verdict: an implementation must only copy the value and return (no I/O, no locks held for long, no allocation).
/// </summary>
public interface ITargetSecondObserver
{
    void OnTargetSecond(in TargetSecond second);
}
