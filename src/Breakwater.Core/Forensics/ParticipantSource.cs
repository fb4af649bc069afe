namespace Breakwater.Core.Forensics;

/// <summary>A sampled source that took part, for abuse reports (listed only when the addresses are not forged).</summary>
public sealed class ParticipantSource
{
    public required string Address { get; init; }

    public string? Country { get; init; }

    public long? Asn { get; init; }

    public string? AsnName { get; init; }

    /// <summary>Packets seen from it (estimated real traffic).</summary>
    public long Packets { get; init; }

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }
}
