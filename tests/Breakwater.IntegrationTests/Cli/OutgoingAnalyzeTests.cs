using System.Text.Json;
using Breakwater.IntegrationTests.Support;
using Breakwater.TestKit.Captures;

namespace Breakwater.IntegrationTests.Cli;

/// <summary>
/// <c>analyze</c> on a capture taken at the network's edge where an infected camera inside <c>networks</c> floods a host
/// outside, while a busy server inside talks with its clients both ways: one <c>outgoing</c> incident, for the camera.
/// </summary>
public sealed class OutgoingAnalyzeTests : IDisposable
{
    private const uint Start = 1_741_615_200;
    private const uint Camera = 0xC6336414; // 198.51.100.20
    private const uint Server = 0xC6336450; // 198.51.100.80
    private const uint Victim = 0xCB007109; // 203.0.113.9
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Analyze_InfectedHostInsideFloodsOutside_IsOneOutgoingIncidentNamingItsVictim()
    {
        var capture = _dir.File("edge.pcap");
        var config = _dir.File("breakwater.yaml");
        File.WriteAllText(config, """
            networks:
              - prefix: 198.51.100.0/24
                group: inside
            groups:
              inside:
                thresholds: { pps: 50000 }
                outgoing_thresholds: { pps: 1000 }
            """);
        using (var file = File.Create(capture))
        {
            file.Write(MiniPcap.Header(linkType: 1));
            for (uint s = 0; s < 20; s++)
            {
                for (var i = 0; i < 3_000; i++)
                {
                    var micros = (uint)(i * 1_000_000 / 3_000);

                    // The server replies to 20 clients at 1,500 pps and they acknowledge at 1,500 pps: two-way, no attack.
                    var (from, to, sport, dport) = i % 2 == 0 ? (Server, 0xCB007200 + (uint)(i % 20), (ushort)443, (ushort)50_000) : (0xCB007200 + (uint)(i % 20), Server, (ushort)50_000, (ushort)443);
                    file.Write(MiniPcap.Record(Frames.Ethernet(Frames.IPv4Tcp(from, to, sport, dport, 0x10)), Start + s, micros));
                    if (s >= 5 && s < 15)
                    {
                        file.Write(MiniPcap.Record(Frames.Ethernet(Frames.IPv4Udp(Camera, Victim, (ushort)(1_024 + i), 80, 512)), Start + s, micros + 1));
                    }
                }
            }
        }

        var result = await CliRunner.RunAsync("analyze", capture, "--config", config, "--json", "-");

        Assert.Equal(0, result.ExitCode);
        var incident = Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("incidents").EnumerateArray());
        Assert.Equal("outgoing", incident.GetProperty("direction").GetString());
        Assert.Equal("198.51.100.20", incident.GetProperty("target").GetString());
        Assert.Equal("203.0.113.9", incident.GetProperty("victims")[0].GetProperty("address").GetString());
        Assert.Equal("udp_flood", incident.GetProperty("vectors")[0].GetProperty("name").GetString());
        Assert.StartsWith("ip src 198.51.100.20", incident.GetProperty("fingerprint").GetProperty("filter").GetString(), StringComparison.Ordinal);
    }
}
