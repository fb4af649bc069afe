using System.Globalization;
using Breakwater.Core;
using Spectre.Console;

namespace Breakwater.Cli;

/// <summary>The short human summary of an analysis: input totals and one table row per incident.</summary>
internal static class AnalysisSummary
{
    public static void Write(AnalysisDocument document, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (output != Console.Out || Console.IsOutputRedirected)
        {
            // Not a terminal: no width to fit, so do not wrap addresses and times into narrow columns.
            console.Profile.Width = 160;
        }

        var input = document.Input;
        var span = input.First is { } first && input.Last is { } last ? last - first : TimeSpan.Zero;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{input.Packets:N0}[/] packets, {input.Bytes / 1e6:N1} MB over {FormatDuration(span)} in {input.Files.Count} {input.Format} file(s); " +
            $"{input.Malformed:N0} malformed; {document.Hosts.Observed:N0} destinations."));
        if (input.AccessLogs is { } logs)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[bold]{logs.Requests:N0}[/] requests in {logs.Lines:N0} access log lines ({string.Join(", ", logs.Formats)}); {logs.Malformed:N0} malformed."));
        }
        if (document.Incidents.Count == 0)
        {
            console.MarkupLine("[green]No attack found[/] above the thresholds.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(string.Create(CultureInfo.InvariantCulture, $"{document.Incidents.Count} incident(s)"));
        table.AddColumns("Target", "Start (UTC)", "Duration", "Peak pps", "Peak Mbit/s", "Vectors", "Sources");
        foreach (var incident in document.Incidents)
        {
            var duration = (incident.End ?? incident.Start) - incident.Start + TimeSpan.FromSeconds(1);
            var vectors = string.Join(", ", incident.Vectors.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name} {v.Share:P0}")));
            var sources = string.Create(CultureInfo.InvariantCulture, $"{incident.UniqueSources:N0}{(incident.SpoofedSourcesLikely ? " (spoofed?)" : "")}");
            table.AddRow(
                Markup.Escape(incident.Target),
                incident.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                FormatDuration(duration),
                incident.PeakPps.ToString("N0", CultureInfo.InvariantCulture),
                (incident.PeakBps / 1e6).ToString("N1", CultureInfo.InvariantCulture),
                Markup.Escape(vectors),
                Markup.Escape(sources));
        }

        console.Write(table);
        WriteHttp(console, document);
        foreach (var incident in document.Incidents.Where(i => i.Botnet is not null))
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{Markup.Escape(incident.Target)} at {incident.Start.UtcDateTime:HH:mm:ss}: looks like [bold]{Markup.Escape(incident.Botnet!.Family)}[/] (confidence {incident.Botnet.Confidence:P0}): {Markup.Escape(string.Join("; ", incident.Botnet.Evidence.Take(2)))}"));
        }

        foreach (var incident in document.Incidents.Where(i => i.Fingerprint is not null))
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{Markup.Escape(incident.Target)}: filter [bold]{Markup.Escape(incident.Fingerprint!.Filter)}[/] (coverage {incident.Fingerprint.Coverage:P1}, collateral {incident.Fingerprint.Collateral:P1})"));
        }
    }

    /// <summary>Layer-7 incidents: who and what the flood hit.</summary>
    private static void WriteHttp(IAnsiConsole console, AnalysisDocument document)
    {
        foreach (var incident in document.Incidents)
        {
            if (incident.Http is not { } http)
            {
                continue;
            }

            var clients = string.Join(", ", http.TopClients.Take(3).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Address} ({c.Requests:N0})")));
            var paths = string.Join(", ", http.TopPaths.Take(3).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value} ({p.Share:P0})")));
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"{Markup.Escape(incident.Target)}: http_flood from {http.UniqueClients:N0} clients; top clients {Markup.Escape(clients)}; top paths {Markup.Escape(paths)}"));
        }
    }

    private static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.TotalSeconds >= 60 ? span.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.##} s");
}
