using Breakwater.Configuration;

namespace Breakwater.Configuration.Tests;

/// <summary><c>detection.baseline</c> and <c>groups.NAME.outgoing_thresholds</c>: values, defaults, and errors that name line and key.</summary>
public sealed class BreadthConfigTests
{
    [Fact]
    public void Parse_Baseline_ReadsEveryKeyWithThePathBesideTheConfig()
    {
        var config = ConfigLoader.Parse("""
            detection:
              baseline: { enabled: true, weeks: 3, sensitivity: 5, min_pps: 200, max_targets: 100, path: state/bw.baseline }
            """, "/etc/breakwater/breakwater.yaml");

        var baseline = config.Detection.Baseline;
        Assert.True(baseline.Enabled);
        Assert.Equal(3, baseline.Weeks);
        Assert.Equal(5, baseline.Sensitivity);
        Assert.Equal(200, baseline.MinPps);
        Assert.Equal(100, baseline.MaxTargets);
        Assert.Equal("/etc/breakwater/state/bw.baseline", baseline.Path);
    }

    [Fact]
    public void Parse_NoBaseline_IsOffWithDefaults()
    {
        var baseline = ConfigLoader.Parse("events: { file: \"-\" }\n").Detection.Baseline;
        Assert.False(baseline.Enabled);
        Assert.Equal(2, baseline.Weeks);
        Assert.Equal(4, baseline.Sensitivity);
        Assert.Equal(1000, baseline.MinPps);
    }

    [Theory]
    [InlineData("weeks: 9", "detection.baseline.weeks must be a whole number from 1 to 8")]
    [InlineData("sensitivity: 0.5", "detection.baseline.sensitivity must be a number from 1 to 20")]
    [InlineData("enabled: yes-please", "detection.baseline.enabled must be true or false")]
    [InlineData("path: \"-\"", "detection.baseline.path must be a file name, not '-'")]
    [InlineData("window: 3", "unknown key 'window' at detection.baseline")]
    public void Parse_BadBaselineKey_NamesLineAndKey(string entry, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"detection:\n  baseline:\n    {entry}\n", "bw.yaml"));
        Assert.StartsWith("bw.yaml line 3: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OutgoingThresholds_AreKeptBesideTheIncomingOnes()
    {
        var config = ConfigLoader.Parse("""
            groups:
              cameras:
                thresholds: { pps: 20000 }
                outgoing_thresholds: { pps: 500, udp_pps: 200 }
              web:
                thresholds: { pps: 50000 }
            """);

        var cameras = config.Detection.Groups["cameras"];
        Assert.Equal(20_000, cameras.Thresholds.Pps);
        Assert.Equal(500, cameras.OutgoingThresholds!.Pps);
        Assert.Equal(200, cameras.OutgoingThresholds.UdpPps);
        Assert.Null(config.Detection.Groups["web"].OutgoingThresholds);
    }

    [Fact]
    public void Parse_BadOutgoingThreshold_NamesTheKey()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("groups:\n  cameras:\n    outgoing_thresholds: { pps: -3 }\n", "bw.yaml"));
        Assert.Contains("groups.cameras.outgoing_thresholds.pps must be a positive number", error.Message, StringComparison.Ordinal);
    }
}
