using System.CommandLine;
using System.Globalization;
using Breakwater.Cli.Errors;
using Breakwater.Outages;
using Breakwater.Outages.Waves;

namespace Breakwater.Cli;

/// <summary><c>breakwater waves FILE.csv [--json OUT]</c>: outage waves in a user-report series (breakwater.waves/v1).</summary>
internal static class WavesCommand
{
    private static readonly Dictionary<string, TimeSpan> Buckets = new(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1), ["5m"] = TimeSpan.FromMinutes(5), ["15m"] = TimeSpan.FromMinutes(15), ["1h"] = TimeSpan.FromHours(1),
    };

    public static Command Create(Option<bool> verbose, TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Report series: CSV lines of time,count[,category] with RFC 3339 times (a header line is optional)." };
        var json = new Option<string?>("--json") { Description = "Write the breakwater.waves/v1 document to PATH, or to stdout with '-'." };
        var bucket = new Option<string>("--bucket") { Description = "Bucket width: auto (from the series' step), 1m, 5m, 15m or 1h.", DefaultValueFactory = _ => "auto" };
        bucket.AcceptOnlyFromAmong(["auto", .. Buckets.Keys]);
        var command = new Command("waves", "Find outage waves in a user-report series.") { file, json, bucket };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(json), parse.GetValue(bucket)!, stdout));
        return command;
    }

    internal static int Run(string path, string? json, string bucket, TextWriter stdout)
    {
        CliPaths.RequireInputFile(path, "a CSV file of time,count[,category] lines");
        if (json is not null)
        {
            CliPaths.RequireOutputFile(json, "--json", [path]);
        }

        var rows = ReportCsvReader.ReadFile(path);
        var width = Buckets.TryGetValue(bucket, out var fixedWidth) ? fixedWidth : ReportSeries.InferBucket(rows);
        var result = WaveAnalysis.Run(ReportSeries.FromRows(rows, width));
        if (json == "-")
        {
            stdout.WriteLine(WavesJson.Serialize(result, path));
            return ExitCodes.Ok;
        }

        if (json is not null)
        {
            AtomicFile.WriteAllText(json, WavesJson.Serialize(result, path));
        }

        WriteSummary(result, stdout);
        return ExitCodes.Ok;
    }

    private static void WriteSummary(WaveResult result, TextWriter stdout)
    {
        var series = result.Series;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{series.Buckets.Count:N0} buckets of {series.Bucket.TotalMinutes:0.#} min from {Rfc3339.Format(series.Start)} to {Rfc3339.Format(series.End)}: {result.Waves.Count} wave(s)."));
        foreach (var wave in result.Waves)
        {
            var categories = string.Join(", ", wave.Categories.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Share:P0}")));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Rfc3339.Format(wave.Start)} → {Rfc3339.Format(wave.End)}  peak {wave.PeakCount:N0} at {wave.Peak.UtcDateTime:HH:mm} (baseline {wave.Baseline:N1}, ×{wave.Magnitude:N1}){(wave.Ongoing ? "  ongoing" : "")}{(categories.Length > 0 ? "  " + categories : "")}"));
        }
    }
}
