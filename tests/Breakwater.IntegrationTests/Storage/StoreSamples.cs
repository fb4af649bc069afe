using Breakwater.Core;

namespace Breakwater.IntegrationTests.Storage;

/// <summary>Incidents with every field of the analysis document filled, written by hand.</summary>
internal static class StoreSamples
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 14, 0, 0, TimeSpan.Zero);

    public static IncidentReport Incident(string id, string target = "198.51.100.7", DateTimeOffset? start = null, string status = "detected") => new()
    {
        Id = id,
        Target = target,
        Direction = "incoming",
        Group = "web",
        Status = status,
        Start = start ?? T0,
        End = status == "ended" ? (start ?? T0).AddMinutes(3) : null,
        Detected = (start ?? T0).AddSeconds(1.25),
        PeakPps = 40000,
        PeakBps = 170000000,
        Packets = 480000,
        Bytes = 30000000,
        UniqueSources = 19800,
        SpoofedSourcesLikely = true,
        Vectors =
        [
            new VectorReport
            {
                Name = "syn_flood", Share = 0.99, Packets = 475000, Bytes = 28500000, Protocol = "tcp",
                TopSrcPorts = [new PortCount(1024, 10)], TopDstPorts = [new PortCount(80, 475000)],
            },
            new VectorReport { Name = "udp_flood", Share = 0.01, Packets = 5000, Bytes = 1500000, Protocol = "udp" },
        ],
        Fingerprint = new FingerprintReport { Filter = $"ip dst {target} and tcp[tcpflags] == tcp-syn", Coverage = 0.99, Collateral = 0.001 },
        Botnet = new BotnetReport { Family = "mirai", Confidence = 0.8, Evidence = ["tcp window 0 on 97 % of SYNs"] },
        TopSources = [new SourceReport { Address = "203.0.113.9", Packets = 1200, Country = "BR", Asn = 28573 }],
        Reason = "syn pps 40000 > 4000",
        Notes = ["a note from the engine"],
    };
}
