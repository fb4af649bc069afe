namespace Breakwater.Detection;

/// <summary>What one hysteresis step did; the owner of the slot acts on it (trackers, incidents, events).</summary>
[Flags]
internal enum Transition
{
    None = 0,

    /// <summary>Idle and still below the release level.</summary>
    StayedIdle = 1,

    /// <summary>Idle → pending: a run began this second.</summary>
    Began = 2,

    /// <summary>Pending → idle: the run fell below the release level before it opened.</summary>
    Lapsed = 4,

    /// <summary>Pending → attacked: the owner opens the incident.</summary>
    Opened = 8,

    /// <summary>Under attack, this second above the release level.</summary>
    Attack = 16,

    /// <summary>Under attack, this second below the release level (not yet for the quiet period).</summary>
    Quiet = 32,

    /// <summary>Quiet for the quiet period: the owner ends the incident.</summary>
    Ended = 64,
}
