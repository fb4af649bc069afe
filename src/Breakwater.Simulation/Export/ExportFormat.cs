namespace Breakwater.Simulation.Export;

/// <summary>The flow protocols <c>simulate --export</c> can speak.</summary>
public enum ExportFormat
{
    SFlow,
    NetFlow5,
    NetFlow9,
    Ipfix,
}
