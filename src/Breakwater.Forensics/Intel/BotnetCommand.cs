using Breakwater.Core;

namespace Breakwater.Forensics.Intel;

/// <summary>An attack command a botnet tracker saw a C2 server send: when, which method, which targets, how long.</summary>
public sealed record BotnetCommand(DateTimeOffset Time, string C2, string? Family, string Method, IReadOnlyList<Prefix> Targets, double DurationSeconds, string Source)
{
    public DateTimeOffset End => Time.AddSeconds(DurationSeconds);
}
