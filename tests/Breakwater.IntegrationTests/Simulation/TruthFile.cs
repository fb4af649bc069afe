using System.Text.Json;

namespace Breakwater.IntegrationTests.Simulation;

/// <summary>The fields of breakwater.truth/v1 the simulator tests check, read with plain JSON DOM access.</summary>
public sealed record TruthFile(string Schema, string PcapName, long Packets, long Bytes, DateTimeOffset First, DateTimeOffset Last, List<TruthFile.Attack> Attacks)
{
    public static TruthFile Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var attacks = root.GetProperty("attacks").EnumerateArray().Select(a => new Attack(
            a.GetProperty("name").GetString()!,
            a.GetProperty("target").GetString()!,
            [.. a.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)],
            [.. a.GetProperty("vectors").EnumerateArray().Select(v => (v.GetProperty("name").GetString()!, v.GetProperty("weight").GetDouble()))],
            a.GetProperty("start").GetDateTimeOffset(),
            a.GetProperty("end").GetDateTimeOffset(),
            a.GetProperty("pps").GetDouble(),
            a.GetProperty("packets").GetInt64(),
            a.GetProperty("spoofed").GetBoolean(),
            a.GetProperty("sources").GetInt64())).ToList();
        return new TruthFile(
            root.GetProperty("schema").GetString()!,
            root.GetProperty("pcap").GetString()!,
            root.GetProperty("packets").GetInt64(),
            root.GetProperty("bytes").GetInt64(),
            root.GetProperty("first").GetDateTimeOffset(),
            root.GetProperty("last").GetDateTimeOffset(),
            attacks);
    }

    public sealed record Attack(
        string Name, string Target, List<string> Targets, List<(string Name, double Weight)> Vectors,
        DateTimeOffset Start, DateTimeOffset End, double Pps, long Packets, bool Spoofed, long Sources);
}
