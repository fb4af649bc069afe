namespace Breakwater.Wire.Bgp;

/// <summary>NOTIFICATION error codes and subcodes (RFC 4271 §4.5, RFC 4486 for Cease, RFC 7313 for ROUTE-REFRESH).</summary>
public static class BgpErrorCode
{
    public const byte MessageHeader = 1;
    public const byte OpenMessage = 2;
    public const byte UpdateMessage = 3;
    public const byte HoldTimerExpired = 4;
    public const byte FiniteStateMachine = 5;
    public const byte Cease = 6;
    public const byte RouteRefreshMessage = 7;

    // Message Header Error subcodes.
    public const byte ConnectionNotSynchronized = 1;
    public const byte BadMessageLength = 2;
    public const byte BadMessageType = 3;

    // OPEN Message Error subcodes.
    public const byte UnsupportedVersion = 1;
    public const byte BadPeerAs = 2;
    public const byte BadBgpIdentifier = 3;
    public const byte UnsupportedOptionalParameter = 4;
    public const byte UnacceptableHoldTime = 6;
    public const byte UnsupportedCapability = 7;

    // UPDATE Message Error subcodes.
    public const byte MalformedAttributeList = 1;
    public const byte UnrecognizedWellKnownAttribute = 2;
    public const byte MissingWellKnownAttribute = 3;
    public const byte AttributeFlagsError = 4;
    public const byte AttributeLengthError = 5;
    public const byte InvalidOrigin = 6;
    public const byte InvalidNextHop = 8;
    public const byte OptionalAttributeError = 9;
    public const byte InvalidNetworkField = 10;
    public const byte MalformedAsPath = 11;

    // Cease subcodes (RFC 4486).
    public const byte AdministrativeShutdown = 2;
    public const byte PeerDeconfigured = 3;
    public const byte AdministrativeReset = 4;
    public const byte ConnectionRejected = 5;

    public static string Describe(byte code, byte subcode) => code switch
    {
        0 => "no error",
        MessageHeader => subcode switch
        {
            ConnectionNotSynchronized => "message header error: connection not synchronized (bad marker)",
            BadMessageLength => "message header error: bad message length",
            BadMessageType => "message header error: bad message type",
            _ => $"message header error ({subcode})",
        },
        OpenMessage => subcode switch
        {
            UnsupportedVersion => "OPEN error: unsupported version",
            BadPeerAs => "OPEN error: bad peer AS",
            BadBgpIdentifier => "OPEN error: bad BGP identifier",
            UnsupportedOptionalParameter => "OPEN error: unsupported optional parameter",
            UnacceptableHoldTime => "OPEN error: unacceptable hold time",
            UnsupportedCapability => "OPEN error: unsupported capability",
            _ => $"OPEN error ({subcode})",
        },
        UpdateMessage => subcode switch
        {
            MalformedAttributeList => "UPDATE error: malformed attribute list",
            UnrecognizedWellKnownAttribute => "UPDATE error: unrecognized well-known attribute",
            MissingWellKnownAttribute => "UPDATE error: missing well-known attribute",
            AttributeFlagsError => "UPDATE error: attribute flags error",
            AttributeLengthError => "UPDATE error: attribute length error",
            InvalidOrigin => "UPDATE error: invalid ORIGIN",
            InvalidNextHop => "UPDATE error: invalid NEXT_HOP",
            OptionalAttributeError => "UPDATE error: optional attribute error",
            InvalidNetworkField => "UPDATE error: invalid network field",
            MalformedAsPath => "UPDATE error: malformed AS_PATH",
            _ => $"UPDATE error ({subcode})",
        },
        HoldTimerExpired => "hold timer expired",
        FiniteStateMachine => "finite state machine error",
        Cease => subcode switch
        {
            AdministrativeShutdown => "cease: administrative shutdown",
            PeerDeconfigured => "cease: peer de-configured",
            AdministrativeReset => "cease: administrative reset",
            ConnectionRejected => "cease: connection rejected",
            _ => $"cease ({subcode})",
        },
        RouteRefreshMessage => "ROUTE-REFRESH error",
        _ => $"error {code}/{subcode}",
    };
}
