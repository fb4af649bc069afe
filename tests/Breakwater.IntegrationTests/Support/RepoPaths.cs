namespace Breakwater.IntegrationTests.Support;

/// <summary>Locates the repository (samples/, committed captures) from the test binary.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string Captures => Path.Combine(Root, "tests", "Breakwater.IntegrationTests", "Captures");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Breakwater.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Breakwater.slnx) above " + AppContext.BaseDirectory);
    }
}
