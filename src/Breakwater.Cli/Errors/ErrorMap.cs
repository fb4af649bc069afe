using System.Net.Sockets;
using Breakwater.Configuration;
using Breakwater.Detection.Baselines;
using Breakwater.Ingest;
using Breakwater.Ingest.Collectors;
using Breakwater.Simulation;
using Breakwater.Storage;

namespace Breakwater.Cli.Errors;

/// <summary>
/// The one place that turns what went wrong into an exit code (0 ok, 1 runtime failure, 2 bad usage or config,
/// 3 bad input file) and one sentence. Every command throws; <see cref="CliRoot"/> asks this map. A new library
/// exception type that users can cause gets a line here, never a catch in a command.
/// </summary>
internal static class ErrorMap
{
    public static CliError Describe(Exception exception) => exception switch
    {
        CliError known => known,
        ConfigException e => CliError.Usage(e.Message, e),
        ScenarioException e => CliError.Usage(e.Message, e),
        CaptureFormatException e => CliError.Input(e.Message, e),
        BaselineFormatException e => CliError.Input(e.Message, e),
        StoreException e => CliError.Runtime(e.Message, e),
        ListenException e => CliError.Runtime($"{e.Message}; change the collectors' listen addresses in the configuration or stop the other program.", e),
        OperationCanceledException e => CliError.Runtime("interrupted; partial outputs were removed.", e),
        SocketException e => CliError.Runtime($"cannot use the network: {IoReason.Of(e)}.", e),
        OutOfMemoryException e => CliError.Runtime("out of memory; lower detection.max_tracked_targets or analyse fewer files at once.", e),
        IOException e when IoReason.IsDiskFull(e) => CliError.Runtime($"no space left on the device: {e.Message}", e),
        IOException or UnauthorizedAccessException => CliError.Runtime($"file system error: {IoReason.Of(exception)}.", exception),
        _ => CliError.Runtime($"internal error: {exception.Message} (run with --verbose for details, and please report it).", exception),
    };

    /// <summary>Writes the sentence (and with <paramref name="verbose"/>, the details) and returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter stderr, bool verbose)
    {
        var error = Describe(exception);
        stderr.WriteLine($"breakwater: {OneLine(error.Message)}");
        if (verbose && (error.InnerException ?? (ReferenceEquals(error, exception) ? null : exception)) is { } detail)
        {
            stderr.WriteLine(detail.ToString());
        }

        return error.ExitCode;
    }

    // A message from a library may quote YAML or a path with line breaks: the contract is one line.
    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
