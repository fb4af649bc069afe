using Breakwater.Detection;

namespace Breakwater.Server;

/// <summary>Passes each target second to the store's writer and to the live traffic feed, in that order.</summary>
internal sealed class TargetSecondFanout(ITargetSecondObserver first, ITargetSecondObserver second) : ITargetSecondObserver
{
    public void OnTargetSecond(in TargetSecond value)
    {
        first.OnTargetSecond(value);
        second.OnTargetSecond(value);
    }
}
