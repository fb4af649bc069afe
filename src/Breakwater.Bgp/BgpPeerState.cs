namespace Breakwater.Bgp;

/// <summary>The BGP finite state machine's states (RFC 4271 §8.2.2).</summary>
public enum BgpPeerState
{
    Idle,
    Connect,
    Active,
    OpenSent,
    OpenConfirm,
    Established,
}
