namespace Breakwater.Ingest;

/// <summary>A capture file that cannot be read at all (bad magic, unknown link type). The CLI exits 3 with <see cref="Exception.Message"/>.</summary>
public sealed class CaptureFormatException : Exception
{
    public CaptureFormatException(string message)
        : base(message)
    {
    }

    public CaptureFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CaptureFormatException()
    {
    }
}
