using System.Globalization;
using System.Text.Json;

namespace Breakwater.Simulation;

/// <summary>Writes the breakwater.truth/v1 ground-truth document (format: docs/simulate.md).</summary>
internal static class TruthWriter
{
    public const string Schema = "breakwater.truth/v1";

    public static void Write(string path, Scenario scenario, string pcap, long packets, long bytes, long firstNs, long lastNs, IReadOnlyList<AttackStream> attacks)
    {
        // Times as the capture stores them: truncated to microseconds unless the file keeps nanoseconds.
        var unit = scenario.Resolution == TimestampResolution.Nanoseconds ? 1L : 1000L;
        string Time(long unixNs) => Format(DateTimeOffset.UnixEpoch.AddTicks(unixNs / unit * unit / 100));

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("scenario", scenario.Name);
        json.WriteString("pcap", Path.GetFileName(pcap));
        json.WriteNumber("packets", packets);
        json.WriteNumber("bytes", bytes);
        json.WriteString("first", firstNs < 0 ? Format(scenario.Start) : Time(firstNs));
        json.WriteString("last", lastNs < 0 ? Format(scenario.Start) : Time(lastNs));
        json.WriteNumber("seed", scenario.Seed);
        json.WriteStartArray("attacks");
        foreach (var attack in attacks)
        {
            var spec = attack.Spec;
            json.WriteStartObject();
            json.WriteString("name", spec.Name);
            json.WriteString("target", spec.TargetText);
            json.WriteStartArray("targets");
            foreach (var target in attack.HitTargets)
            {
                json.WriteStringValue(target.ToString());
            }

            json.WriteEndArray();
            json.WriteStartArray("vectors");
            var totalWeight = spec.Vectors.Sum(v => v.Weight);
            for (var i = 0; i < spec.Vectors.Count; i++)
            {
                var vector = spec.Vectors[i];
                json.WriteStartObject();
                json.WriteString("name", vector.Name);
                json.WriteNumber("weight", Math.Round(vector.Weight / totalWeight, 4));
                json.WriteNumber("packets", attack.VectorPackets[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("start", attack.FirstNs >= 0 ? Time(attack.FirstNs) : Format(scenario.Start.AddTicks(spec.StartNs / 100)));
            json.WriteString("end", attack.LastNs >= 0 ? Time(attack.LastNs) : Format(scenario.Start.AddTicks(spec.StartNs / 100)));
            json.WriteNumber("pps", spec.Pps);
            json.WriteNumber("ramp_seconds", spec.RampNs / 1e9);
            json.WriteNumber("packets", attack.Packets);
            json.WriteNumber("bytes", attack.Bytes);
            json.WriteBoolean("spoofed", spec.Sources.Spoofed);
            json.WriteNumber("sources", attack.DistinctSourcesUpperBound);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (scenario.Background is { } background)
        {
            json.WriteStartObject("background");
            json.WriteNumber("pps", background.Pps);
            json.WriteNumber("hosts", background.Servers);
            json.WriteNumber("clients", background.Clients);
            json.WriteString("prefix", background.ServerPrefix.ToString());
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("background");
        }

        json.WriteEndObject();
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
