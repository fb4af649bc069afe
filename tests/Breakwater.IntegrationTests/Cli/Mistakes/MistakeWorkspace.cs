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
        Directory.CreateDirectory(Folder);
    }

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
