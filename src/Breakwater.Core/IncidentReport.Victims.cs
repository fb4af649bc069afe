using System.Text.Json.Serialization;

namespace Breakwater.Core;

public sealed partial class IncidentReport
{
    /// <summary>
    /// For <c>direction: outgoing</c>: the protected sender's top destinations (the attacked hosts), by packets;
    /// null for incoming incidents.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SourceReport>? Victims { get; set; }
}
