namespace Breakwater.IntegrationTests.Cli.Mistakes;

/// <summary>
/// One mistake made with one command: the arguments (built from the workspace), the exit code it must give, the file
/// that must be left untouched, or why the class does not apply to the command (it has no such input or output).
/// </summary>
public sealed record MistakeCase(
    string Command,
    MistakeClass Class,
    Func<MistakeWorkspace, string[]>? Args,
    int ExitCode,
    Func<MistakeWorkspace, string>? Untouched = null,
    string? NotApplicable = null)
{
    public static MistakeCase Na(string command, MistakeClass mistake, string why) => new(command, mistake, null, 0, NotApplicable: why);

    public override string ToString() => $"{Command}: {Class}";
}
