namespace Breakwater.Detection.Baselines;

/// <summary>A file given as a baseline is not one (or is damaged): a bad input, not an internal error.</summary>
public sealed class BaselineFormatException : Exception
{
    public BaselineFormatException(string message)
        : base(message)
    {
    }

    public BaselineFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BaselineFormatException()
    {
    }
}
