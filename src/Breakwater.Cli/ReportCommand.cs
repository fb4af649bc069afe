using System.CommandLine;
using Breakwater.Cli.Errors;
using Breakwater.Configuration;
using Breakwater.Forensics.Geo;
using Breakwater.Forensics.Report;

namespace Breakwater.Cli;

/// <summary>
/// <c>breakwater report INCIDENT</c>: the forensics report of one incident from the store (<c>--db</c>, SQLite) or from
/// an analysis document (<c>--from analysis.json</c>); HTML by default, <c>--format json</c> for the same content,
/// <c>--abuse</c> for the per-ASN CSV of participating sources.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("INCIDENT") { Description = "The incident id (as in the analysis document, the event stream or the API)." };
        var from = new Option<string?>("--from") { Description = "An analysis document (analyze --json) to read the incident from." };
        var db = new Option<string?>("--db") { Description = "The SQLite store to read the incident from (storage.sqlite.path; default breakwater.db)." };
        var config = new Option<string?>("--config") { Description = "breakwater.yaml whose storage (sqlite or postgres) holds the incident." };
        var format = new Option<string>("--format") { Description = "html or json.", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "json");
        var abuse = new Option<bool>("--abuse") { Description = "Write the per-ASN CSV of participating sources for abuse desks (refused for forged sources)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write to PATH instead of stdout." };
        var abuseFormat = new Option<string>("--abuse-format") { Description = "csv, or xarf (X-ARF v4 JSON, one report per source a line).", DefaultValueFactory = _ => "csv" };
        abuseFormat.AcceptOnlyFromAmong("csv", "xarf");
        var reporter = new Option<string?>("--reporter") { Description = "For --abuse-format xarf: who reports, as ORG,EMAIL,DOMAIN (e.g. \"Example Net,abuse@example.net,example.net\")." };
        var command = new Command("report", "The forensics report of one incident (HTML, JSON, or the abuse CSV).") { id, from, db, config, format, abuse, abuseFormat, reporter, output };
        command.SetAction(async (parse, ct) =>
        {
            var configPath = parse.GetValue(config);
            var dbPath = parse.GetValue(db);
            var fromPath = parse.GetValue(from);
            var outPath = parse.GetValue(output);
            foreach (var (path, what) in new[] { (fromPath, "an analysis document written by analyze --json"), (dbPath, "the daemon's SQLite store (storage.sqlite.path)") })
            {
                if (path is not null)
                {
                    CliPaths.RequireInputFile(path, what);
                }
            }

            var storage = configPath is null ? null : ConfigLoader.LoadFile(configPath).Storage;
            var store = dbPath ?? storage?.SqlitePath;
            XarfReporter? xarf = null;
            if (parse.GetValue(abuseFormat) == "xarf")
            {
                var parts = (parse.GetValue(reporter) ?? "").Split(',', StringSplitOptions.TrimEntries);
                if (parts.Length != 3 || parts.Any(p => p.Length == 0) || !parts[1].Contains('@', StringComparison.Ordinal))
                {
                    throw CliError.Usage("--abuse-format xarf needs --reporter ORG,EMAIL,DOMAIN (X-ARF v4 names who reports), e.g. --reporter \"Example Net,abuse@example.net,example.net\".");
                }

                xarf = new XarfReporter(parts[0], parts[1], parts[2]);
            }

            if (outPath is not null)
            {
                CliPaths.RequireOutputFile(outPath, "--out", [fromPath, configPath, store ?? IncidentSource.DefaultDatabase]);
            }

            return await RunAsync(
                parse.GetValue(id)!, fromPath, store, parse.GetValue(format)!, parse.GetValue(abuse) || xarf is not null, outPath, stdout, stderr, ct,
                dbPath is null ? storage?.PostgresConnection : null, xarf);
        });
        return command;
    }

    internal static async Task<int> RunAsync(
        string id, string? from, string? db, string format, bool abuse, string? output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken,
        string? postgres = null, XarfReporter? xarf = null)
    {
        var (incident, origin, marks) = await IncidentSource.LoadAsync(id, from, db, cancellationToken, postgres);

        string text;
        if (abuse)
        {
            var csv = xarf is null ? AbuseReport.Csv(incident, out var refusal) : XarfReport.Lines(incident, xarf, out refusal);
            if (csv is null)
            {
                throw CliError.Input($"no abuse report: {refusal}");
            }

            text = csv;
        }
        else
        {
            var geo = GeoOptions.Default();
            var context = new ReportContext
            {
                Origin = origin,
                Marks = marks,
                Database = incident.Sources?.Database ?? "no GeoIP data in this incident",
                Attribution = incident.Sources is null ? [] : Credits(geo),
            };
            text = format == "json" ? ReportWriter.Json([incident], context) : ReportWriter.Html([incident], context);
        }

        if (output is null)
        {
            await stdout.WriteAsync(text);
            return ExitCodes.Ok;
        }

        AtomicFile.WriteAllText(output, text);
        return ExitCodes.Ok;
    }


    /// <summary>The credits the stored incident's data needs (the same wording the analysis used).</summary>
    private static List<string> Credits(GeoOptions geo)
    {
        try
        {
            using var db = GeoDatabase.Open(geo);
            return [.. db.Attribution];
        }
        catch (GeoDatabaseException)
        {
            return ["ASN data: ip-location-db asn, CC BY 4.0, from RouteViews (routeviews.org), DB-IP (db-ip.com: IP to ASN Lite) and the NRO (nro.net)."];
        }
    }
}
