namespace Breakwater.Wire;

/// <summary>Outcome of one <c>TryRead…</c> call on a capture file buffer.</summary>
public enum CaptureReadStatus : byte
{
    /// <summary>A header, record or block was read; <see cref="CaptureReadResult.Consumed"/> bytes may be dropped.</summary>
    Ok,

    /// <summary>The buffer ends inside the item; nothing was consumed. Read more, or at end of file the file is truncated.</summary>
    NeedMore,

    /// <summary>The item cannot be trusted (absurd length, bad trailer); the rest of the file cannot be framed.</summary>
    Malformed,
}
