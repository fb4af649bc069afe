namespace Breakwater.Wire.Flows;

/// <summary>
/// Receives the generic interface counter records of sFlow counter samples. Implemented by structs and passed as a
/// generic argument, like <see cref="ITrafficSink"/>, so that decoding stays pure and allocation-free.
/// </summary>
public interface IInterfaceCounterSink
{
    void OnInterfaceCounters(in InterfaceCounters counters, long receiveNanos);
}
