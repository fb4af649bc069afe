namespace Breakwater.Core.Forensics;

public sealed class AsnShare
{
    public long Asn { get; init; }

    public string? Name { get; init; }

    public long Packets { get; init; }

    public double Share { get; init; }

    public double BytesShare { get; init; }

    public int Sources { get; init; }
}
