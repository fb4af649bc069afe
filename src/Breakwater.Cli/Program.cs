namespace Breakwater.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => CliRoot.RunAsync(args, Console.Out, Console.Error);
}
