namespace Breakwater.Storage;

/// <summary>The store cannot be used as it is (schema too new, unreachable at start); the message says what to do.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StoreException()
    {
    }
}
