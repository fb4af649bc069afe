using Breakwater.Analysis;
using Breakwater.Configuration;
using Breakwater.Core;
using Breakwater.Forensics.Geo;
using Breakwater.Forensics.Intel;
using Breakwater.Forensics.Report;

namespace Breakwater.Cli;

/// <summary><c>analyze --intel FILE --report out.html</c>: forensics over the analysis document, then the HTML report.</summary>
internal static class AnalyzeForensics
{
    /// <summary>Loads intel before the (long) analysis so that a bad file fails fast; null result with an exit code on error.</summary>
    public static IntelSet? LoadIntel(string? configPath, IReadOnlyList<string> intelFiles, TextWriter stderr, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        var files = (configPath is null ? [] : ConfigLoader.LoadFile(configPath).Forensics.IntelFiles).Concat(intelFiles).ToList();
        if (files.Count == 0)
        {
            return null;
        }

        try
        {
            return IntelSet.Load(files);
        }
        catch (IntelFormatException e)
        {
            stderr.WriteLine($"breakwater: intel: {e.Message}");
            exitCode = ExitCodes.BadInput;
            return null;
        }
    }

    /// <summary>Enriches the document and writes the report when asked; returns an exit code.</summary>
    public static int Apply(AnalysisDocument document, AnalyzeOptions options, IntelSet? intel, TextWriter stderr)
    {
        var settings = options.ConfigPath is null ? new ForensicsSettings() : ConfigLoader.LoadFile(options.ConfigPath).Forensics;
        (string Status, IReadOnlyList<string> Attribution) geo;
        try
        {
            geo = ForensicsStep.Apply(document, ForensicsStep.GeoOptionsFor(settings.CountryAsn, settings.AsnNames), intel);
        }
        catch (GeoDatabaseException e)
        {
            stderr.WriteLine($"breakwater: {e.Message}; fix geoip: in the configuration or delete the damaged file so that ./breakwater fetches it again.");
            return ExitCodes.BadInput;
        }

        if (options.Report is null)
        {
            return ExitCodes.Ok;
        }

        var context = new ReportContext
        {
            Origin = "analysis of " + string.Join(", ", options.Files.Select(Path.GetFileName)),
            Database = geo.Status,
            Attribution = geo.Attribution,
        };
        try
        {
            File.WriteAllText(options.Report, ReportWriter.Html(document.Incidents, context));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"breakwater: cannot write the report {options.Report}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }

        return ExitCodes.Ok;
    }
}
