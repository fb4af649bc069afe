namespace Breakwater.Forensics.Intel;

/// <summary>An intel file that cannot be read as an IP list or a command log; the message names the file and line.</summary>
public sealed class IntelFormatException : Exception
{
    public IntelFormatException()
    {
    }

    public IntelFormatException(string message)
        : base(message)
    {
    }

    public IntelFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
