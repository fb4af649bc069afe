namespace Breakwater.Cli.Errors;

/// <summary>
/// A user or environment mistake found by a command, with its exit code and one sentence (what, where, what to do).
/// Commands throw it; <see cref="ErrorMap"/> turns it and every library exception into the process's answer.
/// </summary>
internal sealed class CliError : Exception
{
    public CliError(int exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public CliError()
    {
    }

    public CliError(string message)
        : base(message)
    {
    }

    public CliError(string message, Exception inner)
        : base(message, inner)
    {
    }

    public int ExitCode { get; } = ExitCodes.RuntimeFailure;

    /// <summary>Exit 2: a bad option, argument or output path.</summary>
    public static CliError Usage(string message, Exception? inner = null) => new(ExitCodes.BadUsage, message, inner);

    /// <summary>Exit 3: an input file that is missing, a directory, unreadable or not what it should be.</summary>
    public static CliError Input(string message, Exception? inner = null) => new(ExitCodes.BadInput, message, inner);

    /// <summary>Exit 1: the environment failed us while running (disk full, port in use, interrupted).</summary>
    public static CliError Runtime(string message, Exception? inner = null) => new(ExitCodes.RuntimeFailure, message, inner);
}
