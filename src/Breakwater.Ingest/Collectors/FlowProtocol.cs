namespace Breakwater.Ingest.Collectors;

/// <summary>
/// What a source delivers: sFlow or NetFlow datagrams from a UDP listener (NetFlow v5, v9 and IPFIX share one port
/// and are told apart by version), or frames from a live capture.
/// </summary>
public enum FlowProtocol
{
    SFlow,
    NetFlow,
    Packet,
}
