using System.Runtime.CompilerServices;

namespace Breakwater.Detection;

/// <summary>The per-second, per-target hook (<see cref="ITargetSecondObserver"/>): one call per closed target second.</summary>
public sealed partial class DetectionEngine
{
    /// <summary>Set before the first record; receives every closed target second (the daemon's store rolls them up per minute).</summary>
    public ITargetSecondObserver? SecondObserver { get; set; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportSecond(ref TargetSlot slot, int id, long s)
    {
        if (slot.Second != s)
        {
            // No traffic this second: an open run closing with zero traffic, nothing to roll up.
            return;
        }

        var c = _classCounts.AsSpan(id * GroupLimits.ClassCount, GroupLimits.ClassCount);
        SecondObserver!.OnTargetSecond(new TargetSecond(
            s, slot.Address, slot.Network, slot.Packets, slot.Bytes, c[GroupLimits.Tcp], c[GroupLimits.Udp], c[GroupLimits.Icmp],
            c[GroupLimits.Syn], c[GroupLimits.Ack], c[GroupLimits.Rst], c[GroupLimits.Fin], c[GroupLimits.Fragment]));
    }
}
