using System.Text.Json.Serialization;
using Breakwater.Core.Forensics;

namespace Breakwater.Core;

/// <summary>The <c>breakwater.analysis/v1</c> document (docs/contracts.md): a stable contract, extended never renamed.</summary>
public sealed class AnalysisDocument
{
    public const string SchemaName = "breakwater.analysis/v1";

    public string Schema { get; init; } = SchemaName;

    public required InputSummary Input { get; init; }

    public required IReadOnlyList<IncidentReport> Incidents { get; init; }

    public required HostsSummary Hosts { get; init; }

    /// <summary>Extension: attacks on several hosts of one protected prefix, summarised per prefix.</summary>
    public IReadOnlyList<PrefixSummary> Prefixes { get; init; } = [];

    /// <summary>Extension: human-readable warnings (truncated input, few samples).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed class InputSummary
{
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>"pcap", "pcapng" or "mixed".</summary>
    public required string Format { get; init; }

    public long Packets { get; init; }

    /// <summary>Bytes of the captured frames as they were on the wire (sum of original lengths).</summary>
    public long Bytes { get; init; }

    public DateTimeOffset? First { get; init; }

    public DateTimeOffset? Last { get; init; }

    public long Malformed { get; init; }

    public bool Truncated { get; init; }

    /// <summary>Extension: malformed packets per reason (snake_case reason → count).</summary>
    public IReadOnlyDictionary<string, long> MalformedReasons { get; init; } = new Dictionary<string, long>();

    /// <summary>Extension: frames that were not IP (ARP, LLDP, …); not malformed, not analysed.</summary>
    public long NonIp { get; init; }

    /// <summary>Extension: web access logs read (null when none were given).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public AccessLogInput? AccessLogs { get; init; }

    /// <summary>Extension: packets that reached detection (decoded IP packets with plausible time stamps).</summary>
    public long Analysed { get; init; }

    /// <summary>Extension: packets more than a second older than one read before them; counted, left out of detection.</summary>
    public long TimestampsOutOfOrder { get; init; }

    /// <summary>Extension: packets whose time stamp is outside 1970–2106 (damaged or overflowing); counted, left out of detection.</summary>
    public long TimestampsOutOfRange { get; init; }
}

public sealed partial class IncidentReport
{
    public required string Id { get; init; }

    /// <summary>The attacked address (or prefix for a prefix-level incident).</summary>
    public required string Target { get; init; }

    /// <summary>"incoming" (traffic to a protected host) or "outgoing".</summary>
    public string Direction { get; init; } = "incoming";

    /// <summary>Host group of the target.</summary>
    public string? Group { get; init; }

    /// <summary>"detected", "mitigating" or "ended".</summary>
    public string Status { get; set; } = "detected";

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset? End { get; set; }

    public DateTimeOffset Detected { get; set; }

    public double PeakPps { get; set; }

    public double PeakBps { get; set; }

    public long Packets { get; set; }

    public long Bytes { get; set; }

    public long UniqueSources { get; set; }

    public bool SpoofedSourcesLikely { get; set; }

    public IReadOnlyList<VectorReport> Vectors { get; set; } = [];

    public FingerprintReport? Fingerprint { get; set; }

    public BotnetReport? Botnet { get; set; }

    public IReadOnlyList<SourceReport> TopSources { get; set; } = [];

    /// <summary>Extension: why the incident opened, e.g. "pps 12000 > 4000".</summary>
    public string? Reason { get; set; }

    /// <summary>Extension: notes on confidence (few samples, short capture).</summary>
    public IReadOnlyList<string> Notes { get; set; } = [];

    /// <summary>Extension: relative standard error of <see cref="UniqueSources"/> (HyperLogLog, 1.04/√registers).</summary>
    public double? UniqueSourcesError { get; set; }

    /// <summary>Extension (forensics): sources by country and ASN with concentration and caveats.</summary>
    public SourcesReport? Sources { get; set; }

    /// <summary>Extension (forensics): whether the source addresses are the senders, with reasons.</summary>
    public SpoofingReport? Spoofing { get; set; }

    /// <summary>Extension (forensics): intel lists and linked botnet commands.</summary>
    public IntelReport? Intel { get; set; }

    /// <summary>Extension (forensics): per-vector rates over the incident.</summary>
    public TimelineReport? Timeline { get; set; }

    /// <summary>Raw evidence from the engine for forensics; not part of the document.</summary>
    [JsonIgnore]
    public IncidentEvidence? Evidence { get; set; }

    /// <summary>Extension: layer-7 description of an <c>http_flood</c> incident (null for network incidents).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public HttpIncidentDetails? Http { get; set; }
}

public sealed class VectorReport
{
    public required string Name { get; init; }

    /// <summary>Fraction of the incident's packets.</summary>
    public double Share { get; init; }

    public long Packets { get; init; }

    public long Bytes { get; init; }

    /// <summary>"tcp", "udp", "icmp", "gre", "ip".</summary>
    public required string Protocol { get; init; }

    public IReadOnlyList<PortCount> TopSrcPorts { get; init; } = [];

    public IReadOnlyList<PortCount> TopDstPorts { get; init; } = [];
}

public sealed record PortCount(int Port, long Packets);

public sealed class FingerprintReport
{
    /// <summary>BPF expression (tcpdump syntax) matching the attack traffic.</summary>
    public required string Filter { get; init; }

    /// <summary>Fraction of the attack traffic the filter matches.</summary>
    public double Coverage { get; init; }

    /// <summary>Fraction of non-attack traffic (to the target outside the attack, and to other hosts) the filter also matches.</summary>
    public double Collateral { get; init; }

    /// <summary>One rule per vector or group of vectors of one shape, each rendered as BPF, nftables and FlowSpec (docs/analyze.md).</summary>
    public IReadOnlyList<FingerprintRule> Rules { get; init; } = [];
}

public sealed class BotnetReport
{
    public required string Family { get; init; }

    public double Confidence { get; init; }

    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>Extension: evidence per vector ("consistent with" a method of the family, never proof).</summary>
    public IReadOnlyList<BotnetVectorEvidence> Vectors { get; init; } = [];
}

public sealed class SourceReport
{
    public required string Address { get; init; }

    public long Packets { get; init; }

    public string? Country { get; init; }

    public long? Asn { get; init; }

    /// <summary>Extension: the AS's name.</summary>
    public string? AsnName { get; init; }

    /// <summary>Extension: this source's average packets per second over the incident.</summary>
    public double? Pps { get; init; }
}

public sealed class HostsSummary
{
    /// <summary>Distinct destination addresses seen (HyperLogLog estimate).</summary>
    public long Observed { get; init; }

    public IReadOnlyList<TargetSummary> TopTargets { get; init; } = [];
}

public sealed class TargetSummary
{
    public required string Address { get; init; }

    public double PeakPps { get; init; }

    /// <summary>Extension.</summary>
    public double PeakBps { get; init; }
}

/// <summary>Extension: all incidents inside one protected prefix, for attacks spread over several hosts.</summary>
public sealed class PrefixSummary
{
    public required string Prefix { get; init; }

    public string? Group { get; init; }

    public required IReadOnlyList<string> Targets { get; init; }

    public required IReadOnlyList<string> Incidents { get; init; }

    public DateTimeOffset Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public double PeakPps { get; init; }

    public double PeakBps { get; init; }

    public long Packets { get; init; }

    public IReadOnlyList<string> Vectors { get; init; } = [];
}
