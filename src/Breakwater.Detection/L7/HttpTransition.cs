namespace Breakwater.Detection.L7;

/// <summary>What one hysteresis step of a service did; the detector acts on it.</summary>
[Flags]
internal enum HttpTransition : byte
{
    None = 0,
    Began = 1,
    Lapsed = 2,
    Opened = 4,
    Attack = 8,
    Ended = 16,
}
