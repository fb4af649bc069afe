namespace Breakwater.Detection.L7;

/// <summary>Where a service is in the incident lifecycle.</summary>
internal enum HttpRunState : byte
{
    Idle,
    Pending,
    Attacked,
}
