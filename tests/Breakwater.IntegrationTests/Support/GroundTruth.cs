using System.Text.Json;
using System.Text.Json.Serialization;

namespace Breakwater.IntegrationTests.Support;

/// <summary>The breakwater.truth/v1 file written beside a simulated or scapy-made capture.</summary>
public sealed class GroundTruth
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Schema { get; set; } = "";

    public string Scenario { get; set; } = "";

    public long Packets { get; set; }

    public List<TruthAttack> Attacks { get; set; } = [];

    public static GroundTruth Load(string path) =>
        JsonSerializer.Deserialize<GroundTruth>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} is empty.");
}

public sealed class TruthAttack
{
    public string Name { get; set; } = "";

    public string Target { get; set; } = "";

    public List<string> Targets { get; set; } = [];

    public List<TruthVector> Vectors { get; set; } = [];

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public double Pps { get; set; }

    public bool Spoofed { get; set; }

    public long Sources { get; set; }

    [JsonIgnore]
    public IEnumerable<string> AllTargets => Targets.Count > 0 ? Targets : [Target];
}

public sealed class TruthVector
{
    public string Name { get; set; } = "";

    public double Weight { get; set; }
}
