using System.Text.Json;
using Breakwater.IntegrationTests.Support;
using Breakwater.Simulation;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>
/// Captures from the simulator judged by tshark: every packet dissects cleanly, each vector is recognised as
/// its protocol, and the counts per destination match the ground truth written beside the capture.
/// </summary>
public sealed class GeneratedCaptureTests : IClassFixture<GeneratedCaptureTests.AllVectorsCapture>
{
    private readonly AllVectorsCapture _capture;

    public GeneratedCaptureTests(AllVectorsCapture capture)
    {
        _capture = capture;
    }

    [Fact]
    public async Task Generate_AllVectors_TsharkFindsNoMalformedPacket()
    {
        var malformed = await Tshark.FieldsAsync(_capture.Pcap, "_ws.malformed || _ws.expert.severity == error", "frame.number", "_ws.col.Protocol", "_ws.col.Info");

        Assert.Empty(malformed);
    }

    [Fact]
    public async Task Generate_AllVectors_PacketsPerDestinationMatchTruth()
    {
        var truth = _capture.Truth;
        var destinations = await Tshark.FieldsAsync(_capture.Pcap, null, "ip.dst", "ipv6.dst");
        var byDestination = destinations
            .Select(line => line.Split('|'))
            .GroupBy(parts => (parts[0].Length > 0 ? parts[0] : parts[1]).Split(',')[0])
            .ToDictionary(g => g.Key, g => g.LongCount());

        Assert.Equal(truth.Packets, destinations.Length);
        foreach (var attack in truth.Attacks)
        {
            Assert.Equal(attack.Packets, byDestination[attack.Target]);

            // The configured rate over the attack's duration, within 5% (jitter and ramp-free here).
            var expected = attack.Pps * (attack.End - attack.Start).TotalSeconds;
            Assert.InRange(attack.Packets, expected * 0.95, expected * 1.05);
        }
    }

    [Theory]
    [InlineData("v4", "syn_flood", "ip.dst == 198.51.100.7 && tcp.flags == 0x002")]
    [InlineData("v4", "rst_flood", "ip.dst == 198.51.100.7 && tcp.flags == 0x004")]
    [InlineData("v4", "vse_flood", "ip.dst == 198.51.100.7 && udp.dstport == 27015")]
    [InlineData("v4", "gre_flood", "ip.dst == 198.51.100.7 && ip.proto == 47")]
    [InlineData("v4", "icmp_flood", "ip.dst == 198.51.100.7 && icmp.type == 8")]
    [InlineData("v4", "ntp_amplification", "ip.dst == 198.51.100.7 && udp.srcport == 123")]
    [InlineData("v4", "dns_water_torture", "ip.dst == 198.51.100.7 && dns.flags.response == 0")]
    [InlineData("v6", "icmp_flood", "ipv6.dst == 2001:db8::10 && icmpv6.type == 128")]
    [InlineData("v6", "tcp_reflection", "ipv6.dst == 2001:db8::10 && tcp.flags == 0x012")]
    [InlineData("greeth", "gre_flood", "ip.dst == 198.51.100.8 && gre.proto == 0x6558")]
    public async Task Generate_AllVectors_TsharkCountPerVectorMatchesTruth(string attack, string vector, string filter)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(_capture.Result.TruthPath));
        var entry = doc.RootElement.GetProperty("attacks").EnumerateArray().Single(a => a.GetProperty("name").GetString() == attack)
            .GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == vector);

        var counted = await Tshark.CountAsync(_capture.Pcap, filter);

        Assert.Equal(entry.GetProperty("packets").GetInt64(), counted);
    }

    [Fact]
    public async Task Generate_AllVectors_VseAndGreInnerLayersAreRecognised()
    {
        var vse = await Tshark.CountAsync(_capture.Pcap, "udp.dstport == 27015 && udp.payload contains \"TSource Engine Query\"");
        var greIp = await Tshark.CountAsync(_capture.Pcap, "gre.proto == 0x0800 && ip.proto == 47 && udp");
        var greIpv6 = await Tshark.CountAsync(_capture.Pcap, "gre.proto == 0x86dd && ipv6.nxt == 47 && udp");
        var greEth = await Tshark.CountAsync(_capture.Pcap, "gre.proto == 0x6558 && eth.type == 0x0800 && udp");

        var payloads = await Tshark.FieldsAsync(_capture.Pcap, "udp.dstport == 27015", "udp.payload");
        Assert.True(vse > 200, $"VSE queries recognised: {vse}");
        Assert.All(payloads, p => Assert.Equal("ffffffff54536f7572636520456e67696e6520517565727900", p));
        Assert.True(greIp > 200, $"GRE/IPv4/UDP recognised: {greIp}");
        Assert.True(greIpv6 > 200, $"GRE over IPv6 recognised: {greIpv6}");
        Assert.True(greEth > 100, $"GRE transparent Ethernet recognised: {greEth}");
    }

    [Fact]
    public async Task Generate_AllVectors_ReflectionResponsesDissectAsTheirProtocols()
    {
        var target = "ip.dst == 198.51.100.7";
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && ntp && udp.srcport == 123 && ip.len == 468") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && dns.flags.response == 1 && dns.qry.type == 255") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && memcache") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && ssdp") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && cldap") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && snmp") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && chargen") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && udp.srcport == 3702 && udp.payload contains \"ProbeMatches\"") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && udp.srcport == 111") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, $"{target} && tcp.flags == 0x012") > 100);
    }

    [Fact]
    public async Task Generate_AllVectors_WaterTortureQueriesAskRandomNamesInTheZone()
    {
        var names = await Tshark.FieldsAsync(_capture.Pcap, "ip.dst == 198.51.100.7 && udp.dstport == 53 && dns.flags.response == 0", "dns.qry.name");

        Assert.True(names.Length > 100);
        Assert.All(names, n => Assert.EndsWith(".victim-zone.example", n, StringComparison.Ordinal));
        Assert.True(names.Distinct().Count() > names.Length * 0.95, "labels repeat");
    }

    [Fact]
    public async Task Generate_AllVectors_FragmentsReassembleAndIpv6VectorsDissect()
    {
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "ip.dst == 198.51.100.7 && ip.flags.mf == 1") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "ipv6.dst == 2001:db8::10 && ipv6.fragment") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "ipv6.dst == 2001:db8::10 && icmpv6.type == 128") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "ipv6.dst == 2001:db8::10 && tcp.flags == 0x002") > 100);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "ip.dst == 198.51.100.8 && tcp.flags == 0x002 && tcp.options.sack_perm && tcp.options.wscale && tcp.len == 0 && tcp.hdr_len == 40") > 30);
    }

    [Fact]
    public async Task Generate_AllVectors_BackgroundHasHandshakesDnsAndPings()
    {
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "tcp.flags == 0x012 && tcp.srcport in {80, 443}") > 5);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "http.response.code == 200") > 2);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "dns.a && udp.srcport == 53") > 5);
        Assert.True(await Tshark.CountAsync(_capture.Pcap, "icmp.type == 0") > 0);
    }

    [Fact]
    public void Generate_AllVectors_TimestampsNeverGoBackwards()
    {
        var records = PcapRecords.Read(_capture.Pcap);

        for (var i = 1; i < records.Count; i++)
        {
            Assert.True(records[i].UnixNs >= records[i - 1].UnixNs, $"record {i + 1} goes back in time");
        }
    }

    [Fact]
    public void Generate_AllVectors_TruthDescribesTheCapture()
    {
        var truth = _capture.Truth;
        var records = PcapRecords.Read(_capture.Pcap);

        Assert.Equal("breakwater.truth/v1", truth.Schema);
        Assert.Equal("all-vectors.pcap", truth.PcapName);
        Assert.Equal(records.Count, truth.Packets);
        Assert.Equal(records.Sum(r => (long)r.Length), truth.Bytes);
        Assert.Equal(3, truth.Attacks.Count);
        var v4 = truth.Attacks[0];
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 9, 0, 2, TimeSpan.Zero), v4.Start);
        Assert.InRange((v4.End - v4.Start).TotalSeconds, 2.99, 3.0);
        Assert.Equal(23, v4.Vectors.Count);
        Assert.False(v4.Spoofed);
        Assert.Equal(500, v4.Sources);
        Assert.True(truth.Attacks[2].Spoofed);
    }

    public sealed class AllVectorsCapture : IDisposable
    {
        private readonly TempDirectory _dir = new();

        public AllVectorsCapture()
        {
            var scenario = ScenarioFiles.Write(_dir, "all-vectors.yaml", ScenarioFiles.AllVectors);
            Pcap = _dir.File("all-vectors.pcap");
            Result = ScenarioGenerator.Generate(scenario, Pcap);
            Truth = TruthFile.Load(Result.TruthPath);
        }

        public string Pcap { get; }

        public SimulationResult Result { get; }

        public TruthFile Truth { get; }

        public void Dispose() => _dir.Dispose();
    }
}
