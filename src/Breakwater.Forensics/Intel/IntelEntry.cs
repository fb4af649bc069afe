using Breakwater.Core;

namespace Breakwater.Forensics.Intel;

/// <summary>One address or prefix of an imported IP list (botnet nodes, C2 servers …) with its validity.</summary>
public sealed record IntelEntry(Prefix Prefix, string? Family, string? Tags, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, string List)
{
    public bool ValidAt(DateTimeOffset time) => (ValidFrom is null || time >= ValidFrom) && (ValidUntil is null || time <= ValidUntil);

    public string? Label => (Family, Tags) switch
    {
        (null, null) => null,
        ({ } f, null) => f,
        (null, { } t) => t,
        ({ } f, { } t) => $"{f}; {t}",
    };
}
