using Breakwater.Outages.Timeline;
using Breakwater.Outages.Waves;

namespace Breakwater.Outages.Tests.Timeline;

public sealed class TimelineBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);

    private static Wave WaveAt(int startMinute, int endMinute) => new()
    {
        Id = $"w{startMinute}", Signal = "reports", Start = T0.AddMinutes(startMinute), End = T0.AddMinutes(endMinute),
        Peak = T0.AddMinutes(startMinute + 1), PeakCount = 100, Baseline = 10,
    };

    private static TimelineIncident IncidentAt(string id, string target, int startMinute, int endMinute) =>
        new(id, target, T0.AddMinutes(startMinute), T0.AddMinutes(endMinute), ["syn_flood"], 6000, 1e8, "mirai");

    [Fact]
    public void Build_IncidentsAndCommands_OverlapOrPrecedeWithLag_NeverCause()
    {
        var input = new TimelineInput
        {
            Waves = [WaveAt(600, 660)],
            Incidents = [IncidentAt("before", "198.51.100.7", 585, 590), IncidentAt("during", "198.51.100.7", 610, 620), IncidentAt("long-before", "198.51.100.7", 100, 110)],
            Commands = [new TimelineCommand(T0.AddMinutes(584), 60, "203.0.113.66", "mirai", "syn", ["198.51.100.7"], "tracker")],
        };

        var doc = TimelineBuilder.Build(input, T0, T0.AddDays(1));

        var links = Assert.Single(doc.Waves).Links;
        Assert.Equal(3, links.Count);
        var before = links.Single(l => l.Id == "before");
        Assert.Equal("precedes", before.Relation);
        Assert.Equal(900, before.LagSeconds);
        var during = links.Single(l => l.Id == "during");
        Assert.Equal("overlaps", during.Relation);
        Assert.Equal(-600, during.LagSeconds);
        Assert.Equal("precedes", links.Single(l => l.Kind == "command").Relation);
        Assert.All(links, l => Assert.DoesNotContain("caus", l.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Build_ClaimOnAttackedAddressAfterFirstWave_IsConsistent()
    {
        var claim = new Claim(T0.AddHours(12), "group", "198.51.100.0/24", T0.AddHours(9), T0.AddHours(11), "channel");
        var input = new TimelineInput { Waves = [WaveAt(600, 660)], Incidents = [IncidentAt("i1", "198.51.100.7", 585, 590)], Claims = [claim] };

        var a = Assert.Single(TimelineBuilder.Build(input, T0, T0.AddDays(1)).Claims);

        Assert.Equal("consistent", a.Finding);
        Assert.True(a.TargetAttacked);
        Assert.Equal(["i1"], a.Incidents);
        Assert.Contains("after the first wave", a.Timing);
        Assert.Contains("consistent with what was observed", a.Text);
        Assert.Contains("not evidence of who attacked", a.Text);
    }

    [Fact]
    public void Build_ClaimOnAnUnattackedAddress_IsNotSupported()
    {
        var claim = new Claim(T0.AddHours(8), "group", "192.0.2.10", T0.AddHours(9), T0.AddHours(11), null);
        var input = new TimelineInput { Waves = [WaveAt(600, 660)], Incidents = [IncidentAt("i1", "198.51.100.7", 585, 590)], Claims = [claim] };

        var a = Assert.Single(TimelineBuilder.Build(input, T0, T0.AddDays(1)).Claims);

        Assert.Equal("not_supported", a.Finding);
        Assert.False(a.TargetAttacked);
        Assert.Contains("not supported by what was observed", a.Text);
        Assert.Contains("before the first wave", a.Timing);
    }

    [Fact]
    public void Build_ClaimNamingTheService_MatchesItsIncidentsAndWaves()
    {
        var claim = new Claim(T0.AddHours(12), "group", "X.com", T0.AddHours(9), T0.AddHours(11), null);
        var input = new TimelineInput { Service = "x.com", Waves = [WaveAt(600, 660)], Incidents = [IncidentAt("i1", "198.51.100.7", 585, 590)], Claims = [claim] };

        var a = Assert.Single(TimelineBuilder.Build(input, T0, T0.AddDays(1)).Claims);

        Assert.Equal(["i1"], a.Incidents);
        Assert.Equal(["w600"], a.Waves);
    }
}
