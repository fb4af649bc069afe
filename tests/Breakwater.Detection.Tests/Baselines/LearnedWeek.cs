using Breakwater.Core;
using Breakwater.Detection.Baselines;
using Breakwater.Wire;

namespace Breakwater.Detection.Tests.Baselines;

/// <summary>One simulated week learned once for the class (about 3 M records), kept as the bytes of a baseline file.</summary>
public sealed class LearnedWeek
{
    internal static readonly NetAddress Host = NetAddress.Parse("198.51.100.10");

    // Static thresholds far above anything in the week: only the baseline can fire.
    internal static readonly DetectionSettings Settings = new()
    {
        Networks = [new ProtectedNetwork(Prefix.TryParse("198.51.100.0/24", out var web) ? web : default, "web")],
        Groups = new Dictionary<string, HostGroup> { ["web"] = new("web", new Thresholds { Pps = 50_000, Mbps = 10_000 }) },
        Baseline = new BaselineSettings { Enabled = true, Weeks = 2, Sensitivity = 4, MinPps = 1_000 },
    };

    private readonly byte[] _file;

    public LearnedWeek()
    {
        var engine = new DetectionEngine(Settings);
        new SeasonalWeek(Host, seed: 1).Feed(engine, SeasonalWeek.Monday, SeasonalWeek.Monday + SeasonalWeek.Week);
        engine.Complete();
        IncidentsWhileLearning = engine.Incidents.Count;
        Entries = engine.Baseline!.Count;
        LearnedHours = engine.Baseline.LearnedHours;
        using var buffer = new MemoryStream();
        BaselineFile.Save(engine.Baseline, buffer);
        _file = buffer.ToArray();
    }

    public int IncidentsWhileLearning { get; }

    public int Entries { get; }

    public long LearnedHours { get; }

    internal BaselineModel Load(BaselineSettings settings)
    {
        using var stream = new MemoryStream(_file);
        return BaselineFile.Load(stream, settings, "learned week");
    }
}
