using System.CommandLine;
using Breakwater.Forensics.Intel;

namespace Breakwater.Cli;

/// <summary><c>breakwater intel import FILE…</c>: validates IP lists and botnet command logs and adds them to the intel store with provenance.</summary>
internal static class IntelCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "IP lists (plain or CSV) and botnet command logs (JSON lines or CSV); formats in docs/forensics.md.", Arity = ArgumentArity.OneOrMore };
        var store = new Option<string>("--store") { Description = "The intel store file to add to.", DefaultValueFactory = _ => IntelStore.DefaultPath };
        var import = new Command("import", "Import threat intel: IP lists and botnet command logs.") { files, store };
        import.SetAction((parse, _) => Task.FromResult(Import(parse.GetValue(files) ?? [], parse.GetValue(store)!, stdout, stderr)));
        return new Command("intel", "Threat intelligence: IP lists and botnet command logs.") { import };
    }

    internal static int Import(IReadOnlyList<string> files, string store, TextWriter stdout, TextWriter stderr)
    {
        var parsed = new List<(string File, IntelSet Set)>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                stderr.WriteLine($"breakwater: {file} does not exist; give the path of an IP list or a command log.");
                return ExitCodes.BadInput;
            }

            try
            {
                // Every file is checked before anything is written: an import is all or nothing.
                parsed.Add((file, IntelParser.ParseFile(file)));
            }
            catch (IntelFormatException e)
            {
                stderr.WriteLine($"breakwater: intel: {e.Message}");
                return ExitCodes.BadInput;
            }
        }

        try
        {
            foreach (var (file, set) in parsed)
            {
                var provenance = IntelStore.Append(store, file, set, DateTimeOffset.UtcNow);
                stdout.WriteLine($"imported {provenance} into {store}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"breakwater: cannot write the intel store {store}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }

        return ExitCodes.Ok;
    }
}
