namespace Breakwater.Ingest.Collectors;

/// <summary>
/// Why a collector dropped a datagram or frame before or around decoding (decoder verdicts are
/// <see cref="Wire.Flows.FlowDropReason"/>). Reported in snake_case, e.g. <c>queue_full</c>.
/// </summary>
public enum CollectorDrop : byte
{
    ReceiveError,
    Truncated,
    NoBuffer,
    QueueFull,
    FrameTooLarge,
    NotIp,
    Malformed,
    ExporterLimit,
}
