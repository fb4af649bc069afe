namespace Breakwater.Wire;

/// <summary>Result of a capture framing call: malformed input is a normal result, never an exception.</summary>
public readonly struct CaptureReadResult
{
    private CaptureReadResult(CaptureReadStatus status, int consumed, MalformedReason reason)
    {
        Status = status;
        Consumed = consumed;
        Reason = reason;
    }

    public CaptureReadStatus Status { get; }

    /// <summary>Bytes of the buffer that the item occupied (only for <see cref="CaptureReadStatus.Ok"/>).</summary>
    public int Consumed { get; }

    public MalformedReason Reason { get; }

    public bool IsOk => Status == CaptureReadStatus.Ok;

    public static CaptureReadResult NeedMore => new(CaptureReadStatus.NeedMore, 0, MalformedReason.None);

    public static CaptureReadResult Ok(int consumed) => new(CaptureReadStatus.Ok, consumed, MalformedReason.None);

    public static CaptureReadResult Malformed(MalformedReason reason) => new(CaptureReadStatus.Malformed, 0, reason);

    public override string ToString() => Status switch
    {
        CaptureReadStatus.Ok => $"Ok({Consumed})",
        CaptureReadStatus.Malformed => $"Malformed({Reason})",
        _ => "NeedMore",
    };
}
