using System.CommandLine;
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
        var abuseFormat = new Option<string>("--abuse-format") { Description = "csv, or xarf (X-ARF v4 JSON, one report per source a line).", DefaultValueFactory = _ => "csv" };
        abuseFormat.AcceptOnlyFromAmong("csv", "xarf");
        var reporter = new Option<string?>("--reporter") { Description = "For --abuse-format xarf: who reports, as ORG,EMAIL,DOMAIN (e.g. \"Example Net,abuse@example.net,example.net\")." };
        var output = new Option<string?>("--out", "-o") { Description = "Write to PATH instead of stdout." };
        var command = new Command("report", "The forensics report of one incident (HTML, JSON, or the abuse CSV).") { id, from, db, config, format, abuse, abuseFormat, reporter, output };
        command.SetAction(async (parse, ct) =>
        {
            var storage = parse.GetValue(config) is { } path ? ConfigLoader.LoadFile(path).Storage : null;
            XarfReporter? xarf = null;
            if (parse.GetValue(abuseFormat) == "xarf")
            {
                var parts = (parse.GetValue(reporter) ?? "").Split(',', StringSplitOptions.TrimEntries);
                if (parts.Length != 3 || parts.Any(p => p.Length == 0) || !parts[1].Contains('@', StringComparison.Ordinal))
                {
                    await stderr.WriteLineAsync("breakwater: --abuse-format xarf needs --reporter ORG,EMAIL,DOMAIN (X-ARF v4 names who reports), e.g. --reporter \"Example Net,abuse@example.net,example.net\".");
                    return ExitCodes.BadUsage;
                }

                xarf = new XarfReporter(parts[0], parts[1], parts[2]);
            }

            return await RunAsync(
                parse.GetValue(id)!, parse.GetValue(from), parse.GetValue(db) ?? storage?.SqlitePath, parse.GetValue(format)!, parse.GetValue(abuse) || xarf is not null,
                parse.GetValue(output), stdout, stderr, ct, parse.GetValue(db) is null ? storage?.PostgresConnection : null, xarf);
        });
        return command;
    }

    internal static async Task<int> RunAsync(
        string id, string? from, string? db, string format, bool abuse, string? output, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken,
        string? postgres = null, XarfReporter? xarf = null)
    {
        var (incident, origin, exit, marks) = await IncidentSource.LoadAsync(id, from, db, stderr, cancellationToken, postgres);
        if (incident is null)
        {
            return exit;
        }

        string text;
        if (abuse)
        {
            var csv = xarf is null ? AbuseReport.Csv(incident, out var refusal) : XarfReport.Lines(incident, xarf, out refusal);
            if (csv is null)
            {
                await stderr.WriteLineAsync($"breakwater: no abuse report: {refusal}");
                return ExitCodes.BadInput;
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

        try
        {
            await File.WriteAllTextAsync(output, text, cancellationToken);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"breakwater: cannot write {output}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
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
