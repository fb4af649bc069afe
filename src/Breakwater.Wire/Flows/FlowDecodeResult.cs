namespace Breakwater.Wire.Flows;

/// <summary>
/// What decoding one datagram produced: the number of traffic records handed to the sink, and the first reason
/// part of it was dropped (<see cref="FlowDropReason.None"/> when all of it was used). Malformed input is a normal
/// result, never an exception.
/// </summary>
public readonly record struct FlowDecodeResult(int Records, FlowDropReason Drop)
{
    public bool IsComplete => Drop == FlowDropReason.None;

    public static FlowDecodeResult Dropped(FlowDropReason reason, int records = 0) => new(records, reason);
}
