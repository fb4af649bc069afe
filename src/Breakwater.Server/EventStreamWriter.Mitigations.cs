using Breakwater.Mitigation;

namespace Breakwater.Server;

/// <summary>Mitigation events: <c>mitigation.announced</c>, <c>mitigation.withdrawn</c>, <c>mitigation.pending</c>, each with <c>mitigation</c>.</summary>
public sealed partial class EventStreamWriter : IMitigationEvents
{
    public void Publish(string name, MitigationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Write(name, writer =>
        {
            writer.WritePropertyName("mitigation");
            MitigationJson.Write(writer, record);
        });
    }
}
