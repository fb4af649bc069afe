namespace Breakwater.Cli;

/// <summary>Process exit codes (docs/contracts.md): the same for every command.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int RuntimeFailure = 1;
    public const int BadUsage = 2;
    public const int BadInput = 3;
}
