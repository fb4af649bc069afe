using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

public sealed class FingerprintTests
{
    private const string Target = "198.51.100.7";

    [Fact]
    public void Fingerprint_SynFloodWithBackgroundWebTraffic_SelectsSynFlagWithHighCoverageLowCollateral()
    {
        var incident = Assert.Single(Analyze(
            Flood(At(0), 20, 20_000, i => Tcp(Target, TcpFlags.Syn, i, dstPort: 443)),
            Flood(At(0), 30, 800, i => Tcp(Target, TcpFlags.Ack | TcpFlags.Psh, i + 1_000_000, dstPort: 443, payload: 400, source: Bot(i, 300))),
            Flood(At(0), 30, 40, i => Tcp(Target, TcpFlags.Syn, i + 2_000_000, dstPort: 443, options: 20, source: Bot(i, 300))),
            Flood(At(0), 30, 3_000, i => Tcp("198.51.100.8", TcpFlags.Ack, i + 3_000_000, dstPort: 443, source: Bot(i, 300)))));
        var fingerprint = incident.Fingerprint!;
        Assert.StartsWith("ip dst 198.51.100.7 and ", fingerprint.Filter, StringComparison.Ordinal);
        Assert.Contains("tcp[tcpflags] == tcp-syn", fingerprint.Filter, StringComparison.Ordinal);
        Assert.True(fingerprint.Coverage > 0.9, $"coverage {fingerprint.Coverage}");
        Assert.True(fingerprint.Collateral < 0.05, $"collateral {fingerprint.Collateral}");
        Assert.Equal("syn_flood", Assert.Single(incident.Vectors).Name);
    }

    [Fact]
    public void Fingerprint_NtpReflection_FiltersOnSourcePort()
    {
        var incident = Assert.Single(Analyze(
            Flood(At(0), 10, 20_000, i => Udp("10.10.10.10", i, (ushort)(30000 + (i % 1000)), srcPort: 123, payloadLength: 440, source: Bot(i, 500)))));
        Assert.Equal("ip dst 10.10.10.10 and udp src port 123", incident.Fingerprint!.Filter.Split(" and ip[")[0].Split(" and udp dst")[0]);
        Assert.True(incident.Fingerprint.Coverage > 0.95);
    }

    public static TheoryData<string> Shapes => ["syn4", "syn6", "ntp", "vse", "fragments", "gre", "icmp6", "synack6", "data4", "data6", "udp6"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fingerprint_EveryAttackShape_CompilesWithLibpcap(string shape)
    {
        if (!LibPcap.IsAvailable())
        {
            Assert.Skip("libpcap is not installed");
        }

        Func<long, Packet> make = shape switch
        {
            "syn4" => i => Tcp(Target, TcpFlags.Syn, i, options: 20),
            "syn6" => i => Tcp("2001:db8::7", TcpFlags.Syn, i),
            "synack6" => i => Tcp("2001:db8::7", TcpFlags.Syn | TcpFlags.Ack, i, srcPort: 443, source: Bot(i, 100)),
            "ntp" => i => Udp(Target, i, 4444, srcPort: 123, payloadLength: 468, source: Bot(i, 100)),
            "vse" => i => Udp(Target, i, 27015, payload: VsePayload()),
            "fragments" => i => LaterFragment(Target, i),
            "gre" => i => GreUdp(Target, i),
            "icmp6" => i => Icmp("2001:db8::7", i),
            "data4" => i => Tcp(Target, TcpFlags.Psh | TcpFlags.Ack, i, payload: 768, source: Bot(i, 10), srcPort: 5555, dstPort: 22),
            "data6" => i => Tcp("2001:db8::7", TcpFlags.Psh | TcpFlags.Ack, i, payload: 768, source: Bot(i, 10), srcPort: 5555, dstPort: 22),
            _ => i => Udp("2001:db8::7", i, 9999, payload: [1, 2, 3, 4, 5, 6, 7, 8]),
        };
        var incident = Assert.Single(Analyze(Flood(At(0), 5, 10_000, make)));
        var filter = incident.Fingerprint!.Filter;
        Assert.Null(LibPcap.CompileError(filter));
        Assert.True(incident.Fingerprint.Coverage > 0.95, filter);
        Assert.Contains(" and ", filter, StringComparison.Ordinal);
    }
}
