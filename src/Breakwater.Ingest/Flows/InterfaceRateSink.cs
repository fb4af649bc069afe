using Breakwater.Wire.Flows;

namespace Breakwater.Ingest.Flows;

/// <summary>Feeds the sFlow decoder's interface counter records into an <see cref="InterfaceRateTable"/>.</summary>
internal readonly struct InterfaceRateSink(InterfaceRateTable table) : IInterfaceCounterSink
{
    public void OnInterfaceCounters(in InterfaceCounters counters, long receiveNanos) => table.Update(counters, receiveNanos);
}
