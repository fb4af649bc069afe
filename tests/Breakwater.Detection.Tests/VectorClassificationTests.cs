using Breakwater.Core;
using Breakwater.Wire;
using static Breakwater.Detection.Tests.PacketFactory;
using static Breakwater.Detection.Tests.Traffic;

namespace Breakwater.Detection.Tests;

public sealed class VectorClassificationTests
{
    private const string Target = "198.51.100.7";

    /// <summary>Five seconds of a 20,000 pps flood of one packet shape; returns the single incident.</summary>
    private static IncidentReport FloodOf(Func<long, Packet> make, string target = Target)
    {
        var incidents = Analyze(Flood(At(0), 5, 20_000, make));
        var incident = Assert.Single(incidents);
        Assert.Equal(target, incident.Target);
        return incident;
    }

    private static VectorReport MainVector(IncidentReport incident, string name, string protocol)
    {
        var vector = incident.Vectors[0];
        Assert.Equal(name, vector.Name);
        Assert.Equal(protocol, vector.Protocol);
        Assert.True(vector.Share > 0.97, $"share {vector.Share}");
        return vector;
    }

    [Fact]
    public void Classify_SynWithoutAck_IsSynFlood() =>
        MainVector(FloodOf(i => Tcp(Target, TcpFlags.Syn, i)), "syn_flood", "tcp");

    [Fact]
    public void Classify_MiraiAckWith512PayloadWithoutPsh_IsAckFlood() =>
        MainVector(FloodOf(i => Tcp(Target, TcpFlags.Ack, i, payload: 512)), "ack_flood", "tcp");

    [Fact]
    public void Classify_RstAck_IsRstFlood() =>
        MainVector(FloodOf(i => Tcp(Target, TcpFlags.Rst | TcpFlags.Ack, i)), "rst_flood", "tcp");

    [Fact]
    public void Classify_FinAck_IsFinFlood() =>
        MainVector(FloodOf(i => Tcp(Target, TcpFlags.Fin | TcpFlags.Ack, i)), "fin_flood", "tcp");

    [Theory]
    [InlineData(TcpFlags.None)]
    [InlineData(TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Urg)]
    [InlineData(TcpFlags.Syn | TcpFlags.Fin)]
    public void Classify_OddFlagSets_IsTcpFlagAbuse(TcpFlags flags) =>
        MainVector(FloodOf(i => Tcp(Target, flags, i)), "tcp_flag_abuse", "tcp");

    [Fact]
    public void Classify_PshAckWithPayload_IsTcpDataFlood() =>
        MainVector(FloodOf(i => Tcp(Target, TcpFlags.Psh | TcpFlags.Ack, i, payload: 768)), "tcp_data_flood", "tcp");

    [Fact]
    public void Classify_SynAckFromReflectors_IsTcpReflection() =>
        MainVector(FloodOf(i => Tcp(Target, TcpFlags.Syn | TcpFlags.Ack, i, srcPort: 443, dstPort: 40000, source: Bot(i, 2000))), "tcp_reflection", "tcp");

    [Fact]
    public void Classify_UdpToRandomPorts_IsUdpFlood() =>
        MainVector(FloodOf(i => Udp(Target, i, dstPort: (ushort)(1 + (i % 65000)), payloadLength: 512)), "udp_flood", "udp");

    [Fact]
    public void Classify_SourceEngineQueryToPort27015_IsVseFlood()
    {
        var incident = FloodOf(i => Udp(Target, i, 27015, payload: VsePayload()));
        var vector = MainVector(incident, "vse_flood", "udp");
        Assert.Equal(27015, vector.TopDstPorts[0].Port);
        Assert.Equal("mirai", incident.Botnet?.Family);
    }

    [Fact]
    public void Classify_GreWithInnerUdp_IsGreFloodWithInnerPorts()
    {
        var incident = FloodOf(i => GreUdp(Target, i, innerDstPort: 53));
        var vector = MainVector(incident, "gre_flood", "gre");
        Assert.Equal(53, Assert.Single(vector.TopDstPorts).Port);
        Assert.Contains(incident.Notes, n => n.StartsWith("gre_flood carries udp", StringComparison.Ordinal));
        Assert.NotNull(incident.Botnet);
        Assert.InRange(incident.Botnet!.Confidence, 0.3, 0.95);
    }

    [Fact]
    public void Classify_IcmpEcho_IsIcmpFlood() =>
        MainVector(FloodOf(i => Icmp(Target, i)), "icmp_flood", "icmp");

    [Fact]
    public void Classify_Icmpv6Echo_IsIcmpFlood() =>
        MainVector(FloodOf(i => Icmp("2001:db8::7", i), "2001:db8::7"), "icmp_flood", "icmp");

    [Fact]
    public void Classify_LaterFragments_IsIpFragmentFlood() =>
        MainVector(FloodOf(i => LaterFragment(Target, i)), "ip_fragment_flood", "udp");

    [Fact]
    public void Classify_OtherIpProtocol_IsIpFlood() =>
        MainVector(FloodOf(i => IpProtocol(Target, i, 132)), "ip_flood", "ip");

    [Theory]
    [InlineData(53, "dns_amplification")]
    [InlineData(123, "ntp_amplification")]
    [InlineData(11211, "memcached_amplification")]
    [InlineData(1900, "ssdp_amplification")]
    [InlineData(389, "cldap_amplification")]
    [InlineData(161, "snmp_amplification")]
    [InlineData(19, "chargen_amplification")]
    [InlineData(3702, "wsd_amplification")]
    [InlineData(111, "rpc_portmap_amplification")]
    public void Classify_UdpFromReflectorPort_IsAmplificationBySourcePort(int port, string name)
    {
        var incident = FloodOf(i => Udp(Target, i, dstPort: (ushort)(1024 + (i % 50000)), srcPort: (ushort)port, payloadLength: 1200,
            source: Bot(i, 3000)));
        var vector = MainVector(incident, name, "udp");
        Assert.Equal(port, vector.TopSrcPorts[0].Port);
        Assert.Contains($"udp src port {port}", incident.Fingerprint!.Filter, StringComparison.Ordinal);
        Assert.False(incident.SpoofedSourcesLikely);
    }

    [Fact]
    public void Classify_RandomSubdomainsUnderOneZone_IsDnsWaterTorture()
    {
        var incident = FloodOf(i => Udp(Target, i, 53, payload: DnsQuery($"{Mix((ulong)i):x12}.victim-bank.example")));
        MainVector(incident, "dns_water_torture", "udp");
        Assert.Contains(incident.Notes, n => n.Contains("victim-bank.example", StringComparison.Ordinal) || n.Contains("example", StringComparison.Ordinal));
    }

    [Fact]
    public void Classify_RepeatedQueriesForFewNames_IsPlainUdpFlood() =>
        MainVector(FloodOf(i => Udp(Target, i, 53, payload: DnsQuery($"www{i % 3}.example.org"))), "udp_flood", "udp");

    [Fact]
    public void Classify_SynAndUdpTogether_ReportsBothWithShares()
    {
        var incident = Assert.Single(Analyze(
            Flood(At(0), 5, 12_000, i => Tcp(Target, TcpFlags.Syn, i)),
            Flood(At(0), 5, 8_000, i => Udp(Target, i + 1_000_000, 80)),
            Flood(At(0), 5, 100, i => Tcp(Target, TcpFlags.Ack | TcpFlags.Psh, i + 2_000_000, payload: 300))));
        Assert.Equal(["syn_flood", "udp_flood"], incident.Vectors.Select(v => v.Name));
        Assert.InRange(incident.Vectors[0].Share, 0.57, 0.63);
        Assert.InRange(incident.Vectors[1].Share, 0.37, 0.43);
        Assert.InRange(incident.Vectors.Sum(v => v.Packets), incident.Packets * 0.97, incident.Packets * 1.01);
    }

    [Fact]
    public void Classify_MiraiSynShape_ReportsMiraiWithEvidenceNotCertainty()
    {
        var incident = FloodOf(i => Tcp(Target, TcpFlags.Syn, i, options: 20, window: 0));
        Assert.Equal("mirai", incident.Botnet?.Family);
        Assert.True(incident.Botnet!.Confidence < 1.0);
        Assert.NotEmpty(incident.Botnet.Evidence);
    }

    [Fact]
    public void Classify_PlainSynWithoutOptions_ReportsNoBotnet() =>
        Assert.Null(FloodOf(i => Tcp(Target, TcpFlags.Syn, i)).Botnet);
}
