using Breakwater.Core;
using Breakwater.Detection.Baselines;
using Breakwater.Wire;

namespace Breakwater.Detection.Tests.Baselines;

/// <summary>
/// The measurement of learned baselines: a simulated week with daily seasonality is learned (<see cref="LearnedWeek"/>);
/// in the next week an attack at 3× the hour's level at the daily trough (below the static thresholds and below the
/// host's own daily peak) is found, and the daily peaks are not.
/// </summary>
public sealed class BaselineDetectionTests(LearnedWeek learned) : IClassFixture<LearnedWeek>
{
    // Wednesday of the second week, 04:00–04:10 UTC: the daily trough.
    private static readonly long AttackFrom = SeasonalWeek.Monday + SeasonalWeek.Week + (2 * 86_400) + (4 * 3600);
    private static readonly long AttackTo = AttackFrom + 600;

    [Fact]
    public void Baseline_LearnedWeek_FindsThreeTimesTheHourAtTheTroughAndNotTheDailyPeaks()
    {
        // Monday to Wednesday evening of week two: three daily peaks (4× the trough) and one attack at the Wednesday trough.
        var engine = new DetectionEngine(LearnedWeek.Settings, baseline: learned.Load(LearnedWeek.Settings.Baseline));
        var weekTwo = SeasonalWeek.Monday + SeasonalWeek.Week;
        new SeasonalWeek(LearnedWeek.Host, seed: 2).Feed(engine, weekTwo, weekTwo + (2 * 86_400) + (20 * 3600), AttackFrom, AttackTo);
        engine.Complete();

        var incident = Assert.Single(engine.Incidents);
        Assert.Equal(LearnedWeek.Host.ToString(), incident.Target);
        Assert.Equal("baseline", incident.Trigger);
        Assert.StartsWith("baseline ", incident.Reason, StringComparison.Ordinal);
        Assert.Contains("Wed 04:00 UTC", incident.Reason, StringComparison.Ordinal);
        Assert.InRange(incident.Start, At(AttackFrom - 1), At(AttackFrom + 2));
        Assert.InRange(incident.End!.Value, At(AttackTo - 3), At(AttackTo + 1));

        // Below the static limit and below the host's own daily peak: only the hour's baseline explains the decision.
        Assert.InRange(incident.PeakPps, 2.5 * SeasonalWeek.Trough, 0.95 * SeasonalWeek.Peak);
        Assert.Equal("udp_flood", incident.Vectors[0].Name);
    }

    [Fact]
    public void Baseline_LearningWeek_NeitherFiresNorLearnsAttacks()
    {
        // While the first week is learned no hour has history: nothing fires, not even the daily peaks after the first day.
        Assert.Equal(0, learned.IncidentsWhileLearning);
        Assert.Equal(2, learned.Entries); // the host and its protected /24
        Assert.Equal(2 * HourOfWeek.Hours, learned.LearnedHours);
    }

    [Fact]
    public void Baseline_NothingLearnedYet_DoesNotFire()
    {
        var engine = new DetectionEngine(LearnedWeek.Settings);
        new SeasonalWeek(LearnedWeek.Host, seed: 3).Feed(engine, AttackFrom - 3_600, AttackTo + 600, AttackFrom, AttackTo);
        engine.Complete();
        Assert.Empty(engine.Incidents);
    }

    [Fact]
    public void Baseline_LoadedWithMoreWeeks_KeepsWhatWasLearned()
    {
        var settings = LearnedWeek.Settings with { Baseline = LearnedWeek.Settings.Baseline with { Weeks = 3 } };
        var engine = new DetectionEngine(settings, baseline: learned.Load(settings.Baseline));
        new SeasonalWeek(LearnedWeek.Host, seed: 4).Feed(engine, AttackFrom - 3_600, AttackTo + 600, AttackFrom, AttackTo);
        engine.Complete();
        Assert.Equal("baseline", Assert.Single(engine.Incidents).Trigger);
    }

    [Fact]
    public void Baseline_StaticThresholdFires_SaysStatic()
    {
        var engine = new DetectionEngine(LearnedWeek.Settings with
        {
            Groups = new Dictionary<string, HostGroup> { ["web"] = new("web", new Thresholds { Pps = 5_000 }) },
        });
        new SeasonalWeek(LearnedWeek.Host, seed: 5).Feed(engine, AttackFrom - 600, AttackTo + 600, AttackFrom, AttackTo, attackFactor: 4);
        engine.Complete();
        Assert.Equal("static", Assert.Single(engine.Incidents).Trigger);
    }

    [Fact]
    public void BaselineFile_NotABaseline_IsAFormatErrorNamingTheFile()
    {
        using var junk = new MemoryStream("not a baseline at all"u8.ToArray());
        var error = Assert.Throws<BaselineFormatException>(() => BaselineFile.Load(junk, LearnedWeek.Settings.Baseline, "junk.bin"));
        Assert.Contains("junk.bin", error.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset At(long unixSecond) => DateTimeOffset.FromUnixTimeSeconds(unixSecond);
}
