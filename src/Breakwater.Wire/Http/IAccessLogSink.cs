namespace Breakwater.Wire.Http;

/// <summary>Receives parsed requests. Implemented by structs and passed as a generic argument so the line path inlines.</summary>
public interface IAccessLogSink
{
    /// <summary>One request; the entry's spans are valid only during the call.</summary>
    void OnRequest(ref AccessLogEntry entry);
}
