using Breakwater.Configuration;

namespace Breakwater.Configuration.Tests;

/// <summary>Every YAML mistake is one sentence with the file and the right line (exit 2 at the CLI), never a crash.</summary>
public sealed class HostileYamlTests
{
    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void Parse_NestedSixtyThousandLevels_RefusesWithLineInsteadOfOverflowingTheStack(string open, string close)
    {
        var yaml = "storage: " + string.Concat(Enumerable.Repeat(open, 60_000)) + "1" + string.Concat(Enumerable.Repeat(close, 60_000)) + "\n";

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "deep.yaml"));

        Assert.StartsWith("deep.yaml line 1:", error.Message);
        Assert.Contains("nesting", error.Message);
    }

    [Fact]
    public void Parse_TabOnLineSeven_NamesLineSeven()
    {
        var yaml = "networks:\n  - prefix: 198.51.100.0/24\n    group: web\ngroups:\n  web:\n    thresholds:\n\t  pps: 5\n";

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "tab.yaml"));

        Assert.StartsWith("tab.yaml line 7:", error.Message);
        Assert.Contains("tab", error.Message);
    }

    [Fact]
    public void Parse_UnclosedFlowMappingAcrossLines_IsAConfigErrorNotAnInternalOne()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("groups:\n  web:\n    thresholds: { pps: 5\n\nnetworks: []\n", "flow.yaml"));

        Assert.StartsWith("flow.yaml line ", error.Message);
        Assert.Contains("not closed", error.Message);
    }

    [Fact]
    public void Parse_SecondDocument_IsRefusedAtItsLine()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("networks: []\n---\nnetworks: []\n", "two.yaml"));

        Assert.StartsWith("two.yaml line 2:", error.Message);
    }

    [Fact]
    public void Parse_SamePrefixTwiceWithTwoGroups_NamesBothLines()
    {
        var yaml = "groups:\n  a: {}\n  b: {}\nnetworks:\n  - prefix: 198.51.100.0/24\n    group: a\n  - prefix: 198.51.100.0/24\n    group: b\n";

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "dup.yaml"));

        Assert.StartsWith("dup.yaml line 7:", error.Message);
        Assert.Contains("line 5", error.Message);
    }

    [Theory]
    [InlineData("198.51.100.7/24", "198.51.100.0/24")]
    [InlineData("2001:db8::1/48", "2001:db8::/48")]
    public void Parse_PrefixWithHostBits_SuggestsTheNetworkAndTheHost(string written, string network)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"networks:\n  - prefix: {written}\n", "bits.yaml"));

        Assert.Contains("line 2", error.Message);
        Assert.Contains(network, error.Message);
        Assert.Contains("host bits", error.Message);
    }

    [Theory]
    [InlineData(".inf")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    public void Parse_NonFiniteThreshold_IsRefused(string value)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"groups:\n  web:\n    thresholds: {{ pps: {value} }}\n", "inf.yaml"));

        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void LoadFile_EventsFileIsTheConfigItself_IsRefusedBeforeAnythingIsWritten()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("bw-cfg-").FullName, "breakwater.yaml");
        var text = $"events:\n  file: {path}\n";
        File.WriteAllText(path, text);
        try
        {
            var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

            Assert.Contains("line 2", error.Message);
            Assert.Contains("events.file", error.Message);
            Assert.Equal(text, File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void LoadFile_Directory_SaysItIsADirectory()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(Path.GetTempPath()));

        Assert.Contains("is a directory", error.Message);
    }
}
