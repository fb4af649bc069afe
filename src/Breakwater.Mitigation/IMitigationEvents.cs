namespace Breakwater.Mitigation;

/// <summary>Where mitigation changes go: <c>mitigation.announced</c>, <c>mitigation.withdrawn</c>, <c>mitigation.pending</c> (event stream, alerts).</summary>
public interface IMitigationEvents
{
    void Publish(string name, MitigationRecord record);
}
