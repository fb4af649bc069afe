using Breakwater.Core;

namespace Breakwater.Storage;

/// <summary>
/// An incident snapshot to store (every analysis-document field); <see cref="LastSecond"/> is the last second of its
/// timeline written with it, Unix seconds. Started, Ended and Resumed also record a <see cref="StateChange"/>.
/// </summary>
public sealed record IncidentWrite(IncidentReport Incident, IncidentChange Change, DateTimeOffset Time, long? LastSecond = null, string? Detail = null);
