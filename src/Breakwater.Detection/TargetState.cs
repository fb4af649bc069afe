namespace Breakwater.Detection;

/// <summary>Where a tracked target is in the incident lifecycle.</summary>
internal enum TargetState : byte
{
    /// <summary>Below the release level.</summary>
    Idle,

    /// <summary>Above the release level, not yet over a threshold for the trigger seconds.</summary>
    Pending,

    /// <summary>An incident is open.</summary>
    Attacked,
}
