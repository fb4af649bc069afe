namespace Breakwater.Cli.Errors;

/// <summary>
/// Writes an output beside its final name and renames it into place when complete: a full disk or Ctrl+C leaves the
/// old file (or nothing), never half a document.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", $".{Path.GetFileName(path)}.{Environment.ProcessId}.partial");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw CliError.Runtime($"cannot write {path}: {IoReason.Of(e)}; nothing was written.", e);
        }
    }

    /// <summary>Binary outputs: <paramref name="write"/> fills the temporary file, which then replaces <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", $".{Path.GetFileName(path)}.{Environment.ProcessId}.partial");
        try
        {
            using (var file = File.Create(temporary))
            {
                write(file);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw CliError.Runtime($"cannot write {path}: {IoReason.Of(e)}; nothing was written.", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original error is the one to report.
        }
    }
}
