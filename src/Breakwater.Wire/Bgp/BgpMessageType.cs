namespace Breakwater.Wire.Bgp;

/// <summary>The BGP message types (RFC 4271 §4.1, ROUTE-REFRESH from RFC 2918).</summary>
public enum BgpMessageType : byte
{
    Open = 1,
    Update = 2,
    Notification = 3,
    Keepalive = 4,
    RouteRefresh = 5,
}
