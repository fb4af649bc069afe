using System.Text.Json;
using Breakwater.Outages;
using Breakwater.Outages.Timeline;
using Breakwater.Outages.Waves;

namespace Breakwater.Cli;

/// <summary>
/// Responsibility claims for <c>breakwater intel import</c>: a JSON-lines file whose records have <c>actor</c> is
/// validated here (every line, before anything is written) and appended to <c>claims.jsonl</c> beside the intel store,
/// where <c>timeline --intel</c> and the daemon read them.
/// </summary>
internal static class ClaimImport
{
    public const string FileName = "claims.jsonl";

    /// <summary>True when <paramref name="file"/> is a claims file (its first record has <c>actor</c>).</summary>
    public static bool Handles(string file) => IntelFileReader.IsClaimsFile(file);

    public static int Import(string file, string intelStore, TextWriter stdout, TextWriter stderr)
    {
        IReadOnlyList<Claim> claims;
        try
        {
            claims = IntelFileReader.ReadFile(file).Claims;
        }
        catch (ReportInputException e)
        {
            stderr.WriteLine($"breakwater: intel: {e.Message}");
            return ExitCodes.BadInput;
        }

        var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(intelStore)) ?? ".", FileName);
        try
        {
            using var output = new StreamWriter(target, append: true);
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"breakwater: cannot write {target}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }

        stdout.WriteLine($"imported {claims.Count} claim(s) from {Path.GetFileName(file)} into {target}");
        return ExitCodes.Ok;
    }
}
