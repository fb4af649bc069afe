namespace Breakwater.Wire.Bgp;

/// <summary>
/// A protocol error as the NOTIFICATION that reports it (RFC 4271 §4.5, §6): error code, subcode, and where in the
/// input it was found. <see cref="None"/> means no error.
/// </summary>
public readonly record struct BgpError(byte Code, byte Subcode, int Offset)
{
    public static BgpError None => default;

    public bool IsNone => Code == 0;

    public static BgpError Header(byte subcode, int offset = 0) => new(BgpErrorCode.MessageHeader, subcode, offset);

    public static BgpError Open(byte subcode, int offset = 0) => new(BgpErrorCode.OpenMessage, subcode, offset);

    public static BgpError Update(byte subcode, int offset = 0) => new(BgpErrorCode.UpdateMessage, subcode, offset);

    public override string ToString() => BgpErrorCode.Describe(Code, Subcode);
}
