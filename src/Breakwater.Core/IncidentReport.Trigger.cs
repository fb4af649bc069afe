using System.Text.Json.Serialization;

namespace Breakwater.Core;

public sealed partial class IncidentReport
{
    /// <summary>Extension: what opened the incident: <c>static</c> (a group threshold) or <c>baseline</c> (the learned hour-of-week baseline).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Trigger { get; set; }
}
