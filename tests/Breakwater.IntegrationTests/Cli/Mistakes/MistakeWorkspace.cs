using Breakwater.IntegrationTests.Support;
using Breakwater.TestKit.Captures;

namespace Breakwater.IntegrationTests.Cli.Mistakes;

/// <summary>Valid inputs beside the hostile ones, so that each case has exactly one mistake in it.</summary>
public sealed class MistakeWorkspace : IDisposable
{
    private readonly TempDirectory _dir = new();

    public MistakeWorkspace()
    {
        var frame = Frames.Ethernet(Frames.IPv4Udp(0xC0000201, 0xC6336407, 1234, 53, 20));
        File.WriteAllBytes(Capture, [.. MiniPcap.Header(linkType: 1), .. MiniPcap.Record(frame, 1_741_615_200, 0)]);
        File.WriteAllText(Scenario, "scenario: tiny\nduration: 2s\nattacks:\n  - name: a\n    target: 198.51.100.7\n    start: 0s\n    duration: 1s\n    pps: 10\n    vectors: [syn_flood]\n");
        File.WriteAllText(Config, "networks:\n  - prefix: 198.51.100.0/24\ncollectors:\n  sflow: { listen: [\"127.0.0.1:9\"] }\n");
        File.WriteAllText(SelfEventsConfig, $"events:\n  file: {SelfEventsConfig}\ncollectors:\n  sflow: {{ listen: [\"127.0.0.1:9\"] }}\n");
        File.WriteAllText(ProcEventsConfig, "events:\n  file: /proc/breakwater-events.jsonl\ncollectors:\n  sflow: { listen: [\"127.0.0.1:9\"] }\n");
        File.WriteAllText(Nested, "storage: " + new string('[', 60_000) + new string(']', 60_000) + "\n");
        File.WriteAllText(Analysis, "{\"schema\":\"breakwater.analysis/v1\",\"input\":{\"files\":[\"one.pcap\"],\"format\":\"pcap\",\"packets\":1,\"bytes\":62},\"incidents\":[],\"hosts\":{\"observed\":1,\"top_targets\":[]}}\n");
        File.WriteAllText(ReportSeries, "time,count,category\n2025-03-10T00:00:00Z,3,app\n2025-03-10T00:15:00Z,2,website\n2025-03-10T00:30:00Z,4,app\n");
        File.WriteAllText(Intel, "{\"time\":\"2025-03-10T14:00:00Z\",\"c2\":\"203.0.113.9\",\"family\":\"mirai\",\"method\":\"syn\",\"targets\":[\"198.51.100.7\"],\"duration\":60}\n");
        File.WriteAllText(NestedJson, string.Concat(Enumerable.Repeat("{\"a\":", 60_000)) + "1" + new string('}', 60_000) + "\n");
        Directory.CreateDirectory(Folder);
    }

    /// <summary>A breakwater.analysis/v1 document without incidents.</summary>
    public string Analysis => _dir.File("analysis.json");

    /// <summary>A user-report series (time,count,category).</summary>
    public string ReportSeries => _dir.File("reports.csv");

    /// <summary>A botnet command log with one command.</summary>
    public string Intel => _dir.File("commands.jsonl");

    /// <summary>One JSON object nested 60,000 levels deep: the JSON readers' counterpart of <see cref="Nested"/>.</summary>
    public string NestedJson => _dir.File("nested.json");

    public string Capture => _dir.File("one.pcap");

    public string Scenario => _dir.File("tiny.yaml");

    public string Config => _dir.File("breakwater.yaml");

    /// <summary>A config whose events.file is the config itself.</summary>
    public string SelfEventsConfig => _dir.File("self.yaml");

    /// <summary>A config whose events.file cannot be created.</summary>
    public string ProcEventsConfig => _dir.File("proc.yaml");

    /// <summary>60,000 levels of brackets: used to overflow the stack.</summary>
    public string Nested => _dir.File("nested.yaml");

    public string Folder => _dir.File("a-folder");

    public string Output(string name) => _dir.File(name);

    public void Dispose() => _dir.Dispose();
}
