using System.CommandLine;

namespace Breakwater.Cli;

/// <summary>Builds the command tree and runs it. Parse errors exit 2 with one sentence on stderr.</summary>
internal static class CliRoot
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Print details (such as stack traces) with errors.", Recursive = true };
        var root = new RootCommand("Breakwater: DDoS detection, mitigation and attack forensics.")
        {
            AnalyzeCommand.Create(verbose, stdout, stderr),
            SimulateCommand.Create(verbose, stdout, stderr),
            DemoCommand.Create(verbose, stdout, stderr),
            ConfigCommand.Create(stdout, stderr),
            RunCommand.Create(verbose, stdout, stderr),
            MitigationExportCommand.Create(stdout, stderr),
        };
        root.Options.Add(verbose);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"breakwater: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'breakwater --help' for usage.");
            return ExitCodes.BadUsage;
        }

        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not a user error: one sentence, details only on request.
            await stderr.WriteLineAsync($"breakwater: internal error: {e.Message} (run with --verbose for details, and please report it).");
            if (parse.GetValue(verbose))
            {
                await stderr.WriteLineAsync(e.ToString());
            }

            return ExitCodes.RuntimeFailure;
        }
    }
}
