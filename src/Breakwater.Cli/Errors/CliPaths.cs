using Breakwater.Core;

namespace Breakwater.Cli.Errors;

/// <summary>
/// Checks on the paths a command was given, before any work: inputs that are missing or folders (exit 3), outputs that
/// are folders, unwritable, or the same file as an input after resolving links (exit 2, nothing written).
/// </summary>
internal static class CliPaths
{
    /// <summary>An input file: exists, is a file, can be opened. <paramref name="what"/> reads "a pcap or pcapng file".</summary>
    public static void RequireInputFile(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw CliError.Input($"{path} is a directory; give {what}.");
        }

        if (!File.Exists(path))
        {
            throw CliError.Input($"{path} does not exist; give {what}.");
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliError.Input($"{path} cannot be read: {IoReason.Of(e)}.", e);
        }
    }

    /// <summary>
    /// An output file named by <paramref name="option"/> (e.g. "--json"): not a folder, not any of
    /// <paramref name="inputs"/>, and creatable or writable. "-" (stdout) is always fine.
    /// </summary>
    public static void RequireOutputFile(string path, string option, IEnumerable<string?> inputs)
    {
        if (path == "-")
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw CliError.Usage($"{option} {path} is a directory; give a file name.");
        }

        foreach (var input in inputs.OfType<string>())
        {
            if (input != "-" && FileIdentity.SameFile(path, input))
            {
                throw CliError.Usage($"{option} {path} is the input file {input}; choose another output name (nothing was written).");
            }
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw CliError.Usage($"cannot write {option} {path}: its folder {folder} does not exist.");
        }

        try
        {
            if (File.Exists(path))
            {
                using var existing = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            }
            else
            {
                using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliError.Usage($"cannot write {option} {path}: {IoReason.Of(e)}; choose a writable path.", e);
        }
    }
}
