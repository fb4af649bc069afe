using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.IntegrationTests.Support;
using Breakwater.Server;
using Breakwater.Simulation;
using Breakwater.Simulation.Export;

namespace Breakwater.IntegrationTests.Daemon;

/// <summary>
/// An attack in a capture is found through each flow path (sFlow, NetFlow v5/v9, IPFIX; our exporter and softflowd)
/// with the same target and vector as <c>analyze</c> finds in the capture itself.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class FlowPathDetectionTests
{
    private const string Scenario = """
        scenario: flow-path
        seed: 77
        background: { pps: 200, clients: 200, servers: 10 }
        attacks:
          - name: ntp
            target: 192.0.2.55
            start: 4s
            duration: 6s
            pps: 8000
            vectors: [ { name: ntp_amplification, weight: 1.0 } ]
            sources: { bots: 400 }
          - name: syn
            target: 198.51.100.7
            start: 5s
            duration: 6s
            pps: 8000
            vectors: [ { name: syn_flood, weight: 1.0, ports: [443] } ]
            sources: { bots: 300 }
        duration: 14s
        """;

    public static TheoryData<string> Paths() => ["sflow", "netflow5", "netflow9", "ipfix", "softflowd-9", "softflowd-10"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task FlowPath_Attack_SameTargetAndVectorAsAnalyze(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var scenario = dir.File("flow-path.yaml");
        await File.WriteAllTextAsync(scenario, Scenario, ct);
        var pcap = dir.File("flow-path.pcap");
        ScenarioGenerator.Generate(scenario, pcap);
        var analysis = AnalysisJson.Deserialize((await CliRunner.RunAsync("analyze", pcap, "--json", "-")).Stdout)!;
        var expected = analysis.Incidents.ToDictionary(i => i.Target, i => i.Vectors[0].Name);
        Assert.Equal(2, expected.Count);

        var softflowd = path.StartsWith("softflowd", StringComparison.Ordinal);
        Assert.SkipWhen(softflowd && !PeerProcess.IsInstalled("softflowd"), "softflowd is not installed");
        var config = new BreakwaterConfig
        {
            Collectors = path == "sflow"
                ? new CollectorSettings { SFlowListen = [new IPEndPoint(IPAddress.Loopback, 0)] }
                : new CollectorSettings { NetFlowListen = [new IPEndPoint(IPAddress.Loopback, 0)] },
        };
        var events = new StringWriter();
        using var host = new DaemonHost(config, new EventStreamWriter(TextWriter.Synchronized(events), TimeProvider.System));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = host.RunAsync(stop.Token);
        var endpoint = host.Collectors[0].LocalEndPoint;
        if (softflowd)
        {
            // softflowd reading a file exports everything in one burst; a router exports as traffic flows. So its
            // datagrams are caught first, then sent on, in order, spread over three seconds.
            using var catcher = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            catcher.Client.ReceiveBufferSize = 32 << 20;
            var catcherPort = ((IPEndPoint)catcher.Client.LocalEndPoint!).Port;
            await PeerProcess.RunAsync("softflowd", ct, "-r", pcap, "-n", $"127.0.0.1:{catcherPort}", "-v", path[^2..].TrimStart('-'));
            var datagrams = new List<byte[]>();
            while (catcher.Available > 0)
            {
                datagrams.Add((await catcher.ReceiveAsync(ct)).Buffer);
            }

            using var sender = new UdpClient(AddressFamily.InterNetwork);
            for (var i = 0; i < datagrams.Count; i++)
            {
                await sender.SendAsync(datagrams[i], endpoint, ct);
                if (i % 100 == 99)
                {
                    await Task.Delay(TimeSpan.FromSeconds(3.0 * 100 / datagrams.Count), ct);
                }
            }
        }
        else
        {
            var format = path switch { "sflow" => ExportFormat.SFlow, "netflow5" => ExportFormat.NetFlow5, "netflow9" => ExportFormat.NetFlow9, _ => ExportFormat.Ipfix };
            ScenarioGenerator.Export(scenario, new ExportOptions(format, endpoint) { RecordsPerSecond = 40_000 });
        }

        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await stop.CancelAsync();
        await run;

        var started = events.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("event").GetString() == "incident.started")
            .Select(e => e.GetProperty("incident"))
            .ToList();
        foreach (var (target, vector) in expected)
        {
            var incident = started.FirstOrDefault(i => i.GetProperty("target").GetString() == target);
            Assert.True(incident.ValueKind == JsonValueKind.Object,
                string.Create(CultureInfo.InvariantCulture, $"{path}: no incident on {target}; events: {events}"));
            Assert.Equal(vector, incident.GetProperty("vectors")[0].GetProperty("name").GetString());
        }
    }
}
