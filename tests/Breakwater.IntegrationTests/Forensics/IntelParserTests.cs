using Breakwater.Core;
using Breakwater.Forensics.Intel;

namespace Breakwater.IntegrationTests.Forensics;

public sealed class IntelParserTests
{
    [Fact]
    public void Parse_PlainList_ReadsAddressesAndPrefixesSkippingComments()
    {
        var set = IntelParser.Parse("# botnet nodes\n192.0.2.7\n198.51.100.0/24  # a whole /24\n\n2001:db8::1\n", "nodes.txt");
        Assert.Equal(["192.0.2.7/32", "198.51.100.0/24", "2001:db8::1/128"], set.Entries.Select(e => e.Prefix.ToString()));
    }

    [Fact]
    public void Parse_CsvListWithFamilyTagsAndValidity_KeepsThem()
    {
        var set = IntelParser.Parse(
            "address,family,tags,valid_from,valid_until\n192.0.2.7,mirai,\"camera, hikvision\",2025-03-01T00:00:00Z,2025-03-31T00:00:00Z\n", "list.csv");
        var e = Assert.Single(set.Entries);
        Assert.Equal("mirai; camera, hikvision", e.Label);
        Assert.True(e.ValidAt(new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(e.ValidAt(new DateTimeOffset(2025, 4, 10, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Parse_JsonLinesCommands_ReadsEveryField()
    {
        var set = IntelParser.Parse(
            """{"time":"2025-03-10T14:00:00Z","c2":"203.0.113.99:23","family":"mirai","method":"SYN","targets":["198.51.100.7","198.51.100.0/24"],"duration":120}""",
            "c2.jsonl");
        var c = Assert.Single(set.Commands);
        Assert.Equal("syn", c.Method);
        Assert.Equal(120, c.DurationSeconds);
        Assert.Equal([Prefix.Parse("198.51.100.7"), Prefix.Parse("198.51.100.0/24")], c.Targets);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 14, 2, 0, TimeSpan.Zero), c.End);
    }

    [Fact]
    public void Parse_CsvCommands_SplitsTargets()
    {
        var set = IntelParser.Parse("time,c2,family,method,targets,duration\n2025-03-10T14:00:00Z,c2.example,mirai,udpplain,198.51.100.7;198.51.100.8,60\n", "c2.csv");
        Assert.Equal(2, Assert.Single(set.Commands).Targets.Count);
    }

    [Theory]
    [InlineData("not-an-address\n", "line 1")]
    [InlineData("{\"time\":\"yesterday\",\"c2\":\"x\",\"method\":\"syn\",\"targets\":[\"192.0.2.1\"]}\n", "line 1: time 'yesterday'")]
    [InlineData("{\"time\":\"2025-03-10T14:00:00Z\",\"c2\":\"x\",\"method\":\"syn\",\"targets\":[\"192.0.2.1\"],\"duration\":-5}\n", "duration")]
    [InlineData("# only a comment\n", "no records")]
    [InlineData("{\"time\":\"2025-03-10T14:00:00Z\",\"c2\":\"x\",\"method\":\"syn\",\"targets\":[]}\n{broken\n", "line 1: a command needs at least one target")]
    public void Parse_BadInput_SaysWhichLineAndWhy(string text, string expected)
    {
        var e = Assert.Throws<IntelFormatException>(() => IntelParser.Parse(text, "bad.txt"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_AppendThenLoad_RoundTripsWithProvenance()
    {
        var dir = Directory.CreateTempSubdirectory("bw-forensics-");
        try
        {
            var source = Path.Combine(dir.FullName, "c2.jsonl");
            File.WriteAllText(source, """{"time":"2025-03-10T14:00:00Z","c2":"c2.example","family":"mirai","method":"greip","targets":["198.51.100.7"],"duration":30}""" + "\n");
            var store = Path.Combine(dir.FullName, "store.jsonl");
            IntelStore.Append(store, source, IntelParser.ParseFile(source), DateTimeOffset.UnixEpoch);
            var loaded = IntelSet.Load([store]);
            Assert.Equal("greip", Assert.Single(loaded.Commands).Method);
            Assert.Contains(loaded.Provenance, p => p.Contains("c2.jsonl", StringComparison.Ordinal) && p.Contains("1970-01-01T00:00:00Z", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
