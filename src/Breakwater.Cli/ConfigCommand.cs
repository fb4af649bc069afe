using System.CommandLine;
using Breakwater.Configuration;

namespace Breakwater.Cli;

/// <summary><c>breakwater config check FILE</c>: validates a configuration and says which key, which line, what is allowed.</summary>
internal static class ConfigCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "breakwater.yaml to check." };
        var check = new Command("check", "Validate a configuration file.") { file };
        check.SetAction(parse => Check(parse.GetValue(file)!, stdout));
        return new Command("config", "Work with configuration files.") { check };
    }

    private static int Check(string path, TextWriter stdout)
    {
        var config = ConfigLoader.LoadFile(path);
        var detection = config.Detection;
        stdout.WriteLine($"{path} is valid: {detection.Networks.Count} protected network(s), {detection.Groups.Count} group(s).");
        stdout.WriteLine($"store: {config.Storage}");
        return ExitCodes.Ok;
    }
}
