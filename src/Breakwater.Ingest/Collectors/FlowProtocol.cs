namespace Breakwater.Ingest.Collectors;

/// <summary>What a UDP listener expects; NetFlow v5, v9 and IPFIX share one port and are told apart by version.</summary>
public enum FlowProtocol
{
    SFlow,
    NetFlow,
}
