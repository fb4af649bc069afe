using System.CommandLine;
using Breakwater.Cli.Errors;

namespace Breakwater.Cli;

/// <summary>
/// Builds the command tree and runs it. Commands only parse and print, and throw on any problem; parse errors and
/// exceptions become an exit code and one sentence on stderr here, in one place (<see cref="ParseErrorMessages"/>,
/// <see cref="ErrorMap"/>). A new command is one line in <see cref="Build"/>.
/// </summary>
internal static class CliRoot
{
    public static RootCommand Build(TextWriter stdout, TextWriter stderr, out Option<bool> verbose)
    {
        verbose = new Option<bool>("--verbose") { Description = "Print details (such as stack traces) with errors.", Recursive = true };
        var root = new RootCommand("Breakwater: DDoS detection, mitigation and attack forensics.")
        {
            AnalyzeCommand.Create(verbose, stdout, stderr),
            SimulateCommand.Create(verbose, stdout, stderr),
            DemoCommand.Create(verbose, stdout, stderr),
            ConfigCommand.Create(stdout, stderr),
            RunCommand.Create(verbose, stdout, stderr),
            IntelCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr),
            WavesCommand.Create(verbose, stdout, stderr),
            TimelineCommand.Create(verbose, stdout, stderr),
            MitigationExportCommand.Create(stdout, stderr),
            BaselineCommand.Create(stdout, stderr),
        };
        root.Options.Add(verbose);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = Build(stdout, stderr, out var verbose);
        var parse = root.Parse(args);
        if (ParseErrorMessages.Describe(parse) is { } problem)
        {
            await stderr.WriteLineAsync($"breakwater: {problem}");
            return ExitCodes.BadUsage;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (Exception e)
        {
            return ErrorMap.Report(e, stderr, parse.GetValue(verbose));
        }
    }
}
