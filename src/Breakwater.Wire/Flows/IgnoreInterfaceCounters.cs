namespace Breakwater.Wire.Flows;

/// <summary>The counter sink of callers that only want traffic records.</summary>
public struct IgnoreInterfaceCounters : IInterfaceCounterSink
{
    public readonly void OnInterfaceCounters(in InterfaceCounters counters, long receiveNanos)
    {
    }
}
