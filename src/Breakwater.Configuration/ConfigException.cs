namespace Breakwater.Configuration;

/// <summary>A configuration that cannot be used. The message names the file, the line, the key and what is allowed.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ConfigException()
    {
    }
}
