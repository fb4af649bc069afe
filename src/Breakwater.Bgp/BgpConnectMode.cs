namespace Breakwater.Bgp;

/// <summary>Who opens the TCP connection: Breakwater (<see cref="Active"/>) or the neighbour (<see cref="Passive"/>).</summary>
public enum BgpConnectMode
{
    Active,
    Passive,
}
