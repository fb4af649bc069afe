namespace Breakwater.Ingest.Flows;

/// <summary>One field specifier of a NetFlow v9 or IPFIX template. <see cref="Length"/> 65535 = IPFIX variable length.</summary>
public readonly record struct FlowField(ushort Id, ushort Length, uint Enterprise)
{
    public const ushort VariableLength = 0xFFFF;

    public bool IsVariable => Length == VariableLength;
}
