using System.CommandLine;
using Breakwater.Analysis;
using Breakwater.Cli.Errors;
using Breakwater.Detection.Baselines;

namespace Breakwater.Cli;

/// <summary><c>breakwater baseline learn FILE… --output FILE</c>: learns per-host and per-prefix hour-of-week baselines from captures.</summary>
internal static class BaselineCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "pcap or pcapng files (gzip-compressed too) of normal traffic, read in the order given.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The baseline file to write (read by 'analyze --baseline' and detection.baseline.path).", Required = true };
        var config = new Option<string?>("--config") { Description = "breakwater.yaml with networks and detection.baseline settings (weeks, max_targets)." };
        var networks = new Option<string?>("--networks") { Description = "Protected prefixes, comma-separated (e.g. 198.51.100.0/24). Default: every destination." };
        var update = new Option<string?>("--update") { Description = "An existing baseline file to start from (its learned weeks are kept, newer ones replace older)." };
        var learn = new Command("learn", "Learn hour-of-week baselines of hosts and prefixes from captures of normal traffic.") { files, output, config, networks, update };
        learn.SetAction((parse, ct) => Task.FromResult(Learn(
            parse.GetValue(files) ?? [], parse.GetValue(output)!, parse.GetValue(config), parse.GetValue(networks), parse.GetValue(update), stdout, stderr, ct)));
        return new Command("baseline", "Learned baselines of protected hosts and prefixes by hour of the week.") { learn };
    }

    private static int Learn(
        IReadOnlyList<string> files, string output, string? configPath, string? networks, string? update, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var settings = AnalysisSettings.Build(configPath, networks?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var baseline = settings.Baseline with { Enabled = true };
        foreach (var file in files)
        {
            CliPaths.RequireInputFile(file, "a pcap or pcapng file");
        }

        if (update is not null)
        {
            CliPaths.RequireInputFile(update, "a baseline file");
        }

        // --output may be the --update file: the old one is read first and replaced atomically.
        CliPaths.RequireOutputFile(output, "--output", files.Append(configPath));
        var model = update is null ? new BaselineModel(baseline) : BaselineFile.Load(update, baseline);
        var before = model.LearnedHours;
        var request = new AnalysisRequest
        {
            Captures = files,
            Settings = settings with { Baseline = baseline },
            Baseline = model,
            Progress = !Console.IsErrorRedirected ? new TerminalProgress() : null,
        };
        var document = OfflineAnalysis.Run(request, cancellationToken);
        if (document.Input.Malformed > 0 && document.Input.Analysed == 0)
        {
            throw CliError.Input($"nothing could be learned: no usable packet in {string.Join(", ", files)}; is this really a capture?");
        }

        AtomicFile.Write(output, stream => BaselineFile.Save(model, stream));
        var learned = model.LearnedHours - before;
        stdout.WriteLine($"{output}: {model.Count} host(s) and prefix(es); {learned} of their hours of the week learned from {document.Input.Packets:N0} packets.");
        if (learned == 0)
        {
            stderr.WriteLine(
                $"breakwater: warning: no hour was learned: an hour of the week is kept when at least {BaselineModel.MinLearnedSeconds / 60} minutes of it are in the input; give longer captures.");
        }

        if (document.Incidents.Count > 0)
        {
            stderr.WriteLine($"breakwater: warning: {document.Incidents.Count} incident(s) found; their seconds were left out of the baseline.");
        }

        if (model.Refused > 0)
        {
            stderr.WriteLine($"breakwater: warning: detection.baseline.max_targets ({baseline.MaxTargets}) reached; further hosts were not learned.");
        }

        return ExitCodes.Ok;
    }
}
