using Breakwater.Core;
using Breakwater.Forensics.Intel;

namespace Breakwater.IntegrationTests.Forensics;

/// <summary>Linking botnet commands to an incident: overlap, precede, miss the target, miss the time (worked by hand).</summary>
public sealed class CommandMatcherTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 14, 0, 0, TimeSpan.Zero);

    private static IncidentReport Incident() => new()
    {
        Id = "abc",
        Target = "198.51.100.7",
        Start = Start,
        End = Start.AddSeconds(59),
        Detected = Start.AddSeconds(2),
        Vectors = [new VectorReport { Name = "syn_flood", Share = 1, Protocol = "tcp" }],
    };

    private static BotnetCommand Command(double offsetSeconds, double duration, string target = "198.51.100.0/24", string method = "syn") =>
        new(Start.AddSeconds(offsetSeconds), "c2.example:23", "mirai", method, [Prefix.Parse(target)], duration, "test");

    [Fact]
    public void Match_CommandSentBeforeAndRunningThrough_IsLinkedWithLagAndOverlap()
    {
        var match = Assert.Single(CommandMatcher.Match(Incident(), [Command(-5, 30)]));
        Assert.Equal(5, match.LagSeconds);        // the attack began 5 s after the command
        Assert.Equal(25, match.OverlapSeconds);   // command runs to +25 s, attack from 0 s
        Assert.True(match.MethodMatches);
        Assert.Equal("198.51.100.0/24", match.MatchedTarget);
    }

    [Fact]
    public void Match_CommandInsideTheAttack_OverlapIsItsDuration()
    {
        var match = Assert.Single(CommandMatcher.Match(Incident(), [Command(20, 10, "198.51.100.7", "udpplain")]));
        Assert.Equal(-20, match.LagSeconds);
        Assert.Equal(10, match.OverlapSeconds);
        Assert.False(match.MethodMatches);       // udpplain makes udp floods, the attack is a SYN flood
    }

    [Fact]
    public void Match_CommandEndedBeforeTheAttack_IsNotLinked() =>
        Assert.Empty(CommandMatcher.Match(Incident(), [Command(-120, 60)]));

    [Fact]
    public void Match_CommandAfterTheAttack_IsNotLinked() =>
        Assert.Empty(CommandMatcher.Match(Incident(), [Command(61, 30)]));

    [Fact]
    public void Match_CommandForAnotherTarget_IsNotLinked()
    {
        Assert.Empty(CommandMatcher.Match(Incident(), [Command(-5, 30, "198.51.101.0/24")]));
        Assert.Empty(CommandMatcher.Match(Incident(), [Command(-5, 30, "198.51.100.8")]));
        Assert.Empty(CommandMatcher.Match(Incident(), [Command(-5, 30, "2001:db8::/32")]));
    }

    [Fact]
    public void Match_SeveralCommands_LinksOnlyTheMatchingOnesInTimeOrder()
    {
        var matches = CommandMatcher.Match(Incident(), [Command(30, 100), Command(-120, 60), Command(-2, 10, "0.0.0.0/0", "vse")]);
        Assert.Equal([-2.0, 30.0], matches.Select(m => (m.Time - Start).TotalSeconds));
        Assert.Contains("overlaps", CommandMatcher.Rule, StringComparison.Ordinal);
    }
}
