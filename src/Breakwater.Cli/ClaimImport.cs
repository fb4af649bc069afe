using System.Text.Json;
using Breakwater.Outages;
using Breakwater.Outages.Timeline;

namespace Breakwater.Cli;

/// <summary>
/// Responsibility claims for <c>breakwater intel import</c>: a JSON-lines file whose records have <c>actor</c> is read
/// with the outage timeline's reader (every line checked before anything is written) and its claims are appended to the
/// intel store after the file's provenance line, where <c>timeline --intel STORE</c> and the daemon (<c>intel.files</c>)
/// read them back.
/// </summary>
internal static class ClaimImport
{
    /// <summary>The claims in <paramref name="file"/> (records with <c>actor</c>, wherever they are in the file); empty for IP lists and command logs.</summary>
    public static IReadOnlyList<Claim> Read(string file) =>
        IntelFileReader.IsClaimsFile(file) || File.ReadLines(file).Any(l => l.TrimStart().StartsWith('{') && l.Contains("\"actor\"", StringComparison.Ordinal))
            ? IntelFileReader.ReadFile(file).Claims
            : [];

    public static void Append(string store, string file, IReadOnlyList<Claim> claims)
    {
        if (claims.Count == 0)
        {
            return;
        }

        using var output = new StreamWriter(new FileStream(store, FileMode.Append, FileAccess.Write, FileShare.Read));
        foreach (var claim in claims)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("time", Rfc3339.Format(claim.Time));
                writer.WriteString("actor", claim.Actor);
                writer.WriteString("target", claim.Target);
                writer.WriteStartObject("window");
                writer.WriteString("start", Rfc3339.Format(claim.WindowStart));
                writer.WriteString("end", Rfc3339.Format(claim.WindowEnd));
                writer.WriteEndObject();
                writer.WriteString("source", claim.Source ?? Path.GetFileName(file));
                writer.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }
}
