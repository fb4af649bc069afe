namespace Breakwater.Storage;

/// <summary>
/// Filters of <c>GET /api/v1/incidents</c>: <see cref="Status"/> (<c>detected</c>, <c>mitigating</c>, <c>ended</c>, or
/// <c>open</c> for any but ended), <see cref="Target"/> (the exact target text), <see cref="Since"/> (incidents active at
/// or after that time: not ended, or ended then or later), <see cref="Limit"/> (1–1000) and an opaque <see cref="Cursor"/>.
/// </summary>
public sealed record IncidentQuery
{
    public const int MaxLimit = 1000;

    public string? Status { get; init; }

    public string? Target { get; init; }

    public DateTimeOffset? Since { get; init; }

    public int Limit { get; init; } = 50;

    public string? Cursor { get; init; }
}
