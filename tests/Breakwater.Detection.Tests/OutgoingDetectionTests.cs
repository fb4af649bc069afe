using Breakwater.Core;
using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

/// <summary>Floods sent by protected hosts (infected devices inside the network) against busy servers' two-way traffic.</summary>
public sealed class OutgoingDetectionTests
{
    private const string Camera = "198.51.100.20";
    private const string Server = "198.51.100.80";
    private const string Victim = "203.0.113.9";

    private static readonly DetectionSettings Settings = new()
    {
        Networks = [new ProtectedNetwork(Prefix.TryParse("198.51.100.0/24", out var p) ? p : default, "inside")],
        Groups = new Dictionary<string, HostGroup>
        {
            ["inside"] = new("inside", new Thresholds { Pps = 50_000 }) { OutgoingThresholds = new Thresholds { Pps = 1_000 } },
        },
    };

    private static readonly NetAddress CameraAddress = NetAddress.Parse(Camera);
    private static readonly NetAddress ServerAddress = NetAddress.Parse(Server);

    [Fact]
    public void Outgoing_InsideHostSendsUdpFlood_IsAnOutgoingIncidentWithItsVictim()
    {
        var incident = Assert.Single(Analyze(
            new DetectionEngine(Settings),
            Flood(At(0), 30, 100, i => Udp(Camera, i, 5_000, srcPort: 123)), // a little normal traffic to the camera
            Flood(At(5), 10, 5_000, i => Udp(Victim, i, 80, source: CameraAddress))));

        Assert.Equal("outgoing", incident.Direction);
        Assert.Equal(Camera, incident.Target);
        Assert.Equal("udp_flood", incident.Vectors[0].Name);
        Assert.Equal(Victim, Assert.Single(incident.Victims!).Address);
        Assert.Empty(incident.TopSources);
        Assert.StartsWith($"ip src {Camera}", incident.Fingerprint!.Filter, StringComparison.Ordinal);
        Assert.InRange(incident.PeakPps, 4_500, 5_500);
    }

    [Fact]
    public void Outgoing_SynFloodTheVictimAnswersWithSynAck_IsStillOutgoing()
    {
        var incident = Assert.Single(Analyze(
            new DetectionEngine(Settings),
            Flood(At(0), 10, 5_000, i => Tcp(Victim, TcpFlags.Syn, i, source: CameraAddress)),
            Flood(At(0.0001), 10, 5_000, i => Tcp(Camera, TcpFlags.Syn | TcpFlags.Ack, i, srcPort: 80, source: NetAddress.Parse(Victim)))));

        Assert.Equal("outgoing", incident.Direction);
        Assert.Equal("syn_flood", incident.Vectors[0].Name);
    }

    [Fact]
    public void Outgoing_BusyServerTwoWayTraffic_IsNeitherIncomingNorOutgoing()
    {
        // 20,000 pps of replies to 50 clients, which acknowledge at 8,000 pps: the usual shape of a busy web server.
        Assert.Empty(Analyze(
            new DetectionEngine(Settings),
            Flood(At(0), 30, 20_000, i => Tcp(Client(i).ToString(), TcpFlags.Ack | TcpFlags.Psh, i, dstPort: (ushort)(40_000 + (i % 50)), srcPort: 443, payload: 1_200, source: ServerAddress)),
            Flood(At(0.00003), 30, 8_000, i => Tcp(Server, TcpFlags.Ack, i, dstPort: 443, srcPort: (ushort)(40_000 + (i % 50)), source: Client(i)))));
    }

    [Fact]
    public void Outgoing_GroupWithoutOutgoingThresholds_IsNotJudged()
    {
        var settings = Settings with { Groups = new Dictionary<string, HostGroup> { ["inside"] = new("inside", new Thresholds { Pps = 50_000 }) } };
        Assert.Empty(Analyze(new DetectionEngine(settings), Flood(At(0), 10, 5_000, i => Udp(Victim, i, 80, source: CameraAddress))));
    }

    private static NetAddress Client(long i) => NetAddress.FromV4(0xCB007100u + (uint)(i % 50));
}
