using Breakwater.Cli;

namespace Breakwater.IntegrationTests.Support;

/// <summary>Runs the CLI in-process and captures its exit code and output.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliRoot.RunAsync(args, stdout, stderr, TestContext.Current.CancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
