using System.Text.Json.Serialization;

namespace Breakwater.Core;

/// <summary>
/// A FlowSpec match as the analysis document writes it: the destination prefix and the components that apply (absent ones
/// are left out). <see cref="TcpFlags"/> is <c>&amp;</c>-joined flag names, <c>!</c> meaning "not set" (e.g. <c>syn&amp;!ack</c>);
/// <see cref="Fragment"/> the same with <c>is-fragment</c>, <c>first-fragment</c>, <c>last-fragment</c>, <c>dont-fragment</c>.
/// </summary>
public sealed class FlowSpecMatch
{
    public required string Destination { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Protocol { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? SourcePort { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? DestinationPort { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TcpFlags { get; init; }

    /// <summary>IPv4 total length; IPv6 payload length (RFC 8956 §3.7).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? PacketLength { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Fragment { get; init; }
}
