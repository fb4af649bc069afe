using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>The committed scapy captures are readable pcaps whose ground truth matches their packets.</summary>
public sealed class ScapyCaptureTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Captures, "*.pcap").Order())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Fact]
    public void Captures_Folder_HoldsTheSixAttackCaptures()
    {
        var names = Directory.GetFiles(RepoPaths.Captures, "*.pcap").Select(Path.GetFileName).Order().ToList();

        Assert.Equal(6, names.Count);
        Assert.All(names, n => Assert.True(File.Exists(Path.Combine(RepoPaths.Captures, Path.ChangeExtension(n!, ".truth.json")))));
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public async Task Capture_CountsPerTarget_MatchItsTruth(string capture)
    {
        var pcap = Path.Combine(RepoPaths.Captures, capture);
        var truth = TruthFile.Load(Path.ChangeExtension(pcap, ".truth.json"));
        var records = PcapRecords.Read(pcap);

        Assert.True(new FileInfo(pcap).Length <= 2 * 1024 * 1024, "captures stay small");
        Assert.Equal(truth.Packets, records.Count);
        Assert.Equal(truth.Packets, (await Tshark.FieldsAsync(pcap, null, "frame.number")).Length);
        foreach (var attack in truth.Attacks)
        {
            var field = attack.Target.Contains(':', StringComparison.Ordinal) ? "ipv6.dst" : "ip.dst";
            var inWindow = $"{field} == {attack.Target} && frame.time_epoch >= {attack.Start.ToUnixTimeMilliseconds() / 1000.0 - 0.000001:F6} "
                + $"&& frame.time_epoch <= {attack.End.ToUnixTimeMilliseconds() / 1000.0 + 0.001:F6}";
            Assert.InRange(await Tshark.CountAsync(pcap, inWindow), attack.Packets, attack.Packets + 50);
        }
    }
}
