using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Breakwater.Core;

namespace Breakwater.Forensics.Intel;

/// <summary>
/// The file-backed intel store (<c>breakwater intel import</c>): JSON lines, one provenance record per import
/// (file, sha256, time, counts) followed by the import's normalised records. Appends only; <see cref="IntelSet.Load"/>
/// reads it back like any intel file.
/// </summary>
public static class IntelStore
{
    public const string DefaultPath = "breakwater-intel.jsonl";

    /// <summary>Appends <paramref name="set"/> read from <paramref name="sourcePath"/>; returns the provenance line.</summary>
    public static string Append(string storePath, string sourcePath, IntelSet set, DateTimeOffset now) =>
        Append(storePath, Path.GetFullPath(sourcePath), File.ReadAllBytes(sourcePath), set, now);

    /// <summary>
    /// Appends <paramref name="set"/>, parsed from <paramref name="content"/> named <paramref name="name"/> (a file's path, or
    /// the name an API import gave); returns the provenance line.
    /// </summary>
    public static string Append(string storePath, string name, byte[] content, IntelSet set, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(set);
        var sourcePath = name;
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var provenance = string.Create(
            CultureInfo.InvariantCulture,
            $"{Path.GetFileName(sourcePath)} ({IntelParser.Describe(set)}, imported {AnalysisJson.FormatTime(now)}, sha256 {hash[..16]}…)");
        using var stream = new FileStream(storePath, FileMode.Append, FileAccess.Write, FileShare.Read);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(Line(w =>
        {
            w.WriteString("provenance", provenance);
            w.WriteString("file", sourcePath);
            w.WriteString("sha256", hash);
            w.WriteString("imported", AnalysisJson.FormatTime(now));
        }));
        foreach (var e in set.Entries)
        {
            writer.WriteLine(Line(w =>
            {
                w.WriteString("prefix", e.Prefix.ToString());
                Optional(w, "family", e.Family);
                Optional(w, "tags", e.Tags);
                Optional(w, "valid_from", e.ValidFrom is { } f ? AnalysisJson.FormatTime(f) : null);
                Optional(w, "valid_until", e.ValidUntil is { } u ? AnalysisJson.FormatTime(u) : null);
                w.WriteString("list", e.List);
            }));
        }

        foreach (var c in set.Commands)
        {
            writer.WriteLine(Line(w =>
            {
                w.WriteString("time", AnalysisJson.FormatTime(c.Time));
                w.WriteString("c2", c.C2);
                Optional(w, "family", c.Family);
                w.WriteString("method", c.Method);
                w.WriteStartArray("targets");
                foreach (var t in c.Targets)
                {
                    w.WriteStringValue(t.ToString());
                }

                w.WriteEndArray();
                w.WriteNumber("duration", c.DurationSeconds);
                w.WriteString("source", c.Source);
            }));
        }

        return provenance;
    }

    private static void Optional(Utf8JsonWriter w, string key, string? value)
    {
        if (value is not null)
        {
            w.WriteString(key, value);
        }
    }

    private static string Line(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
