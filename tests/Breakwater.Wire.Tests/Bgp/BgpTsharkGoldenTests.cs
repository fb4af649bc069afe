using System.Buffers.Binary;
using System.Diagnostics;
using Breakwater.TestKit.Captures;

namespace Breakwater.Wire.Tests.Bgp;

/// <summary>
/// Our messages as tshark's BGP dissector (an independent decoder) reads them: each message is written as one TCP
/// segment to port 179 of a raw-IP pcap, and the fields tshark extracts are compared with what we meant to send.
/// </summary>
public sealed class BgpTsharkGoldenTests : IDisposable
{
    private readonly string _pcap = Path.Combine(Path.GetTempPath(), $"bw-bgp-golden-{Guid.NewGuid():N}.pcap");
    private readonly IReadOnlyList<byte[]> _messages = BgpSamples.Stream();

    public BgpTsharkGoldenTests()
    {
        var builder = new PcapFileBuilder(linkType: 101);
        uint sequence = 1000;
        var time = 1_700_000_000_000_000_000L;
        foreach (var message in _messages)
        {
            builder.Add(Segment(message, sequence), time);
            sequence += (uint)message.Length;
            time += 1_000_000;
        }

        builder.WriteTo(_pcap);
    }

    public void Dispose() { if (Environment.GetEnvironmentVariable("BW_KEEP") is null) File.Delete(_pcap); }

    [Fact]
    public void Tshark_EveryMessage_TypeAndNoMalformedOrExpertError()
    {
        Assert.SkipUnless(Tshark.IsAvailable, "tshark is not installed");
        var rows = Fields("bgp.type", "_ws.malformed", "_ws.expert.severity");

        Assert.Equal(_messages.Select(m => ((int)m[18]).ToString()), rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(string.Empty, r[1]));
        // 8388608 = error severity; tshark flags undecodable fields with it.
        Assert.All(rows, r => Assert.DoesNotContain("8388608", r[2]));
    }

    [Fact]
    public void Tshark_Open_AsnHoldTimeAndCapabilities()
    {
        Assert.SkipUnless(Tshark.IsAvailable, "tshark is not installed");
        var open = Fields("bgp.open.myas", "bgp.open.holdtime", "bgp.open.identifier", "bgp.cap.4as", "bgp.cap.mp.afi", "bgp.cap.mp.safi", "bgp.cap.type")[0];

        Assert.Equal(["23456", "90", "192.0.2.1", "4200000001", "1,2,1,2", "1,1,133,133"], open[..6]);
        Assert.Contains("2", open[6].Split(','));
    }

    [Fact]
    public void Tshark_BlackholeUpdates_PrefixNextHopAndCommunities()
    {
        Assert.SkipUnless(Tshark.IsAvailable, "tshark is not installed");
        var rows = Fields("bgp.nlri_prefix", "bgp.update.path_attribute.next_hop", "bgp.update.path_attribute.community_wellknown", "bgp.update.path_attribute.community_as",
            "bgp.update.path_attribute.community_value", "bgp.mp_reach_nlri_ipv6_prefix", "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6",
            "bgp.update.path_attribute.as_path_segment.as4", "bgp.update.path_attribute.origin");

        Assert.Equal(["198.51.100.7", "192.0.2.254", "0xffff029a", "65000", "999", "", "", "4200000001", "0"], rows[2]);
        Assert.Equal(["", "", "0xffff029a", "", "", "2001:db8:1::7", "2001:db8::fe", "4200000001", "0"], rows[3]);
    }

    [Fact]
    public void Tshark_FlowSpecUpdate_ComponentsOperatorsAndActions()
    {
        Assert.SkipUnless(Tshark.IsAvailable, "tshark is not installed");
        var row = Fields("bgp.flowspec_nlri.filter_type", "bgp.flowspec_nlri.dst_prefix_filter", "bgp.flowspec_nlri.src_prefix_filter",
            "bgp.flowspec_nlri.dec_val_8", "bgp.flowspec_nlri.dec_val_16", "bgp.flowspec_nlri.dec_val_32", "bgp.flowspec_nlri.val_tcp.flags",
            "bgp.ext_com_flow.rate_limit", "bgp.ext_com.value_fs_dscp", "bgp.update.path_attribute.mp_reach_nlri.safi", "bgp.flowspec_nlri.val_dsfield")[4];

        // SYN-flood rule: dst, proto; then every IPv4 component in type order.
        Assert.Equal("1,3,9,1,2,3,4,5,6,7,8,9,10,11,12", row[0]);
        Assert.Equal("198.51.100.7,192.0.2.0", row[1]);
        Assert.Equal("203.0.113.0", row[2]);
        // 8-bit values in order: 6 | 17,6 | 137,139 | 53 | 123 | 8 | 0 ; 16-bit: 8080, 1000, 1500; DSCP 46.
        Assert.Equal("6,17,6,137,139,53,123,8,0", row[3]);
        Assert.Equal("0x2e", row[10]);
        Assert.Equal("8080,1000,1500", row[4]);
        Assert.Equal("0", row[7]);
        Assert.Equal("0x0a", row[8]);
        Assert.Equal("133", row[9]);
    }

    [Fact]
    public void Tshark_FlowSpec6Update_ComponentsAndRateLimit()
    {
        Assert.SkipUnless(Tshark.IsAvailable, "tshark is not installed");
        var row = Fields("bgp.flowspec_nlri.filter_type", "bgp.flowspec_nlri.dst_ipv6_pref", "bgp.flowspec_nlri.ipv6_pref_length",
            "bgp.flowspec_nlri.dec_val_8", "bgp.ext_com_flow.rate_limit", "bgp.update.path_attribute.mp_reach_nlri.afi")[5];

        Assert.Equal("1,2,3,5,12,13", row[0]);
        Assert.Equal("2001:db8:1::", row[1]);
        Assert.Equal("48,64", row[2]);
        // tshark 4.0 names type 13 (flow label) but does not decode its value; FlowSpecTests checks it by hand.
        Assert.Equal("17,123", row[3]);
        Assert.Equal("125000", row[4]);
        Assert.Equal("2", row[5]);
    }

    [Fact]
    public void Tshark_WithdrawRouteRefreshNotification()
    {
        Assert.SkipUnless(Tshark.IsAvailable, "tshark is not installed");
        var rows = Fields("bgp.withdrawn_prefix", "bgp.update.path_attribute.mp_unreach_nlri.safi", "bgp.route_refresh.afi", "bgp.route_refresh.safi",
            "bgp.notify.major_error", "bgp.notify.minor_error_cease");

        Assert.Equal(["198.51.100.7", "133"], rows[6][..2]);
        Assert.Equal(["1", "133"], rows[7][2..4]);
        Assert.Equal(["6", "2"], rows[8][4..6]);
    }

    private List<string[]> Fields(params string[] fields)
    {
        var start = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-r", _pcap, "-n", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=\t"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var field in fields)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(field);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error.Result);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
    }

    /// <summary>IPv4 + TCP (PSH|ACK) from 127.0.0.1:50000 to 127.0.0.2:179 carrying one message.</summary>
    private static byte[] Segment(byte[] message, uint sequence)
    {
        var packet = new byte[40 + message.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(12), 0x7F000001);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(16), 0x7F000002);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), 50000);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), 179);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(24), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(28), 1);
        packet[32] = 5 << 4;
        packet[33] = 0x18;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(34), 65535);
        message.CopyTo(packet, 40);
        return packet;
    }
}
