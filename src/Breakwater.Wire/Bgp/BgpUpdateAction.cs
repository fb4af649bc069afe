namespace Breakwater.Wire.Bgp;

/// <summary>
/// What a receiver does with an UPDATE (RFC 7606 §2), from mildest to most severe: accept it, accept it without the
/// broken attribute, treat its routes as withdrawn, or reset the session with a NOTIFICATION.
/// </summary>
public enum BgpUpdateAction : byte
{
    Accept,
    AttributeDiscard,
    TreatAsWithdraw,
    SessionReset,
}
