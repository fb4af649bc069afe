using System.Net.Sockets;

namespace Breakwater.Cli.Errors;

/// <summary>Short, plain reasons for file-system and socket failures ("no space left on device"), without .NET's wording.</summary>
internal static class IoReason
{
    // errno values as .NET reports them in IOException.HResult on Linux and macOS.
    private const int EnoSpc = 28;
    private const int EDQuot = 122;
    private const int ERoFs = 30;
    private const int EIsDir = 21;
    private const int EAcces = 13;

    public static bool IsDiskFull(Exception e) => e is IOException { HResult: EnoSpc or EDQuot }
        || e.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);

    public static string Of(Exception e) => e switch
    {
        _ when IsDiskFull(e) => "no space left on the device",
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "its folder does not exist",
        FileNotFoundException => "the file system does not allow creating it there",
        PathTooLongException => "the path is too long",
        IOException { HResult: ERoFs } => "the file system is read-only",
        IOException { HResult: EIsDir } => "it is a directory",
        IOException { HResult: EAcces } => "permission denied",
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => "the address is already in use (is another collector running?)",
        SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "the address is not on this machine",
        SocketException { SocketErrorCode: SocketError.AccessDenied } => "permission denied (ports below 1024 need privileges)",
        _ => e.Message.TrimEnd('.'),
    };
}
