using System.CommandLine;

namespace Breakwater.Cli;

/// <summary><c>breakwater mitigation list|approve|withdraw|export</c>.</summary>
internal static class MitigationCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) => new("mitigation", "Mitigation state (through the daemon's API) and exports.")
    {
        MitigationListCommand.Create(stdout),
        MitigationApproveCommand.Create(stdout),
        MitigationWithdrawCommand.Create(stdout),
        MitigationExportCommand.Create(stdout, stderr),
    };
}
