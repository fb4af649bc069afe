using Breakwater.Core;

namespace Breakwater.Server.Api;

// Response and request bodies of /api/v1 (snake_case on the wire). Incidents themselves are Core's IncidentReport,
// written by Core's own serializer so that they carry exactly the analysis document's fields.

/// <summary><c>GET /api/v1/health</c>: open to all, so it says only that the daemon is up.</summary>
public sealed record HealthResponse(string Status, string Version, DateTimeOffset Started);

/// <summary><c>GET /api/v1/incidents</c>: newest first; <c>next_cursor</c> is null on the last page.</summary>
public sealed record IncidentListResponse(IReadOnlyList<IncidentReport> Incidents, string? NextCursor);

/// <summary><c>GET /api/v1/incidents/{id}/timeline</c>: per-second series by vector, state changes, acknowledgement, notes.</summary>
public sealed record IncidentTimelineResponse(
    string IncidentId,
    IReadOnlyList<TimelineSecondDto> Series,
    IReadOnlyList<StateChangeDto> Changes,
    AcknowledgementDto? Acknowledged,
    IReadOnlyList<NoteDto> Notes);

public sealed record TimelineSecondDto(DateTimeOffset Time, string Vector, long Packets, long Bytes);

public sealed record StateChangeDto(DateTimeOffset Time, string State, string? Detail);

public sealed record AcknowledgementDto(DateTimeOffset Time, string By);

public sealed record NoteDto(long Id, DateTimeOffset Time, string Author, string Text);

/// <summary>Body of <c>POST /api/v1/incidents/{id}/notes</c>.</summary>
public sealed record NoteRequest(string? Text);

/// <summary><c>POST /api/v1/incidents/{id}/ack</c>: the (first) acknowledgement.</summary>
public sealed record AckResponse(string IncidentId, AcknowledgementDto Acknowledged);

/// <summary><c>GET /api/v1/hosts</c>: the hosts with the most traffic in the window, from the minute rollups.</summary>
public sealed record HostListResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<HostRateDto> Hosts);

public sealed record HostRateDto(string Address, long Packets, long Bytes, double AveragePps, double AverageBps, long PeakPps, long PeakBps);

/// <summary><c>GET /api/v1/hosts/{address}/traffic</c>: buckets of <c>step_seconds</c>; buckets without traffic are left out.</summary>
public sealed record HostTrafficResponse(string Address, DateTimeOffset From, DateTimeOffset To, int StepSeconds, IReadOnlyList<TrafficPointDto> Points);

public sealed record TrafficPointDto(
    DateTimeOffset Time, long Packets, long Bytes, double AveragePps, double AverageBps, long PeakPps, long PeakBps, TrafficClassesDto Classes);

/// <summary>Packets per vector class (a SYN counts as TCP and as SYN).</summary>
public sealed record TrafficClassesDto(long Tcp, long Udp, long Icmp, long Syn, long Ack, long Rst, long Fin, long Fragment);

/// <summary><c>GET /api/v1/collectors</c>: collector health for the dashboard (the same counters as <c>collector.stats</c>).</summary>
public sealed record CollectorHealthResponse(DateTimeOffset Time, int QueueDepth, IReadOnlyList<CollectorHealthDto> Collectors);

public sealed record CollectorHealthDto(
    string Name, IReadOnlyList<string> Listen, long Datagrams, long Records, IReadOnlyDictionary<string, long> Drops, double DecodeSeconds,
    IReadOnlyList<ExporterDto> Exporters);

public sealed record ExporterDto(string Address, long Datagrams, uint? SamplingRate);
