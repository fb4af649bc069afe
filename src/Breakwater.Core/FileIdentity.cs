namespace Breakwater.Core;

/// <summary>
/// Whether two paths name the same file once relative parts and symbolic links are resolved: outputs that are an
/// input must be refused before anything is written (e.g. <c>analyze X --json X</c>, <c>events.file</c> = the config).
/// </summary>
public static class FileIdentity
{
    private const int MaxLinkHops = 40; // as the kernel's ELOOP limit

    public static bool SameFile(string first, string second) =>
        string.Equals(Resolve(first), Resolve(second), StringComparison.Ordinal);

    /// <summary>The absolute path with every symbolic link resolved; parts that do not exist yet are kept as written.</summary>
    public static string Resolve(string path) => Resolve(path, 0);

    private static string Resolve(string path, int hops)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo? target = null;
            try
            {
                target = new FileInfo(current).ResolveLinkTarget(returnFinalTarget: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not a link we may follow (or a loop): compare what we have.
            }

            if (target is not null)
            {
                current = hops < MaxLinkHops ? Resolve(target.FullName, hops + 1) : target.FullName;
            }
        }

        return current;
    }
}
