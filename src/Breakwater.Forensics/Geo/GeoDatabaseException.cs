namespace Breakwater.Forensics.Geo;

/// <summary>A GeoIP or ASN file named by the user cannot be read; the message is one sentence for the user.</summary>
public sealed class GeoDatabaseException : Exception
{
    public GeoDatabaseException()
    {
    }

    public GeoDatabaseException(string message)
        : base(message)
    {
    }

    public GeoDatabaseException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
