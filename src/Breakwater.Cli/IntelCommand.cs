using System.CommandLine;
using Breakwater.Cli.Errors;
using Breakwater.Forensics.Intel;
using Breakwater.Outages.Timeline;

namespace Breakwater.Cli;

/// <summary>
/// <c>breakwater intel import FILE…</c>: validates IP lists, botnet command logs and responsibility claims and adds them
/// to the intel store with provenance. All or nothing: every file is read before the store is touched, and a failed
/// write leaves the store as it was.
/// </summary>
internal static class IntelCommand
{
    private const string What = "an IP list, a botnet command log or a claims file";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("FILE") { Description = "IP lists (plain or CSV), botnet command logs (JSON lines or CSV) and claims (JSON lines with actor); formats in docs/forensics.md and docs/outages.md.", Arity = ArgumentArity.OneOrMore };
        var store = new Option<string>("--store") { Description = "The intel store file to add to.", DefaultValueFactory = _ => IntelStore.DefaultPath };
        var import = new Command("import", "Import threat intel: IP lists, botnet command logs and responsibility claims.") { files, store };
        import.SetAction((parse, _) => Task.FromResult(Import(parse.GetValue(files) ?? [], parse.GetValue(store)!, stdout)));
        return new Command("intel", "Threat intelligence: IP lists, botnet command logs and responsibility claims.") { import };
    }

    internal static int Import(IReadOnlyList<string> files, string store, TextWriter stdout)
    {
        foreach (var file in files)
        {
            CliPaths.RequireInputFile(file, What);
        }

        CliPaths.RequireOutputFile(store, "--store", files);

        // Every file is checked before anything is written: an import is all or nothing.
        var parsed = new List<(string File, IntelSet Set, IReadOnlyList<Claim> Claims)>();
        foreach (var file in files)
        {
            var set = IntelParser.ParseFile(file);
            var claims = ClaimImport.Read(file);
            parsed.Add((file, set, claims));
        }

        var before = File.Exists(store) ? new FileInfo(store).Length : -1;
        try
        {
            var lines = new List<string>();
            foreach (var (file, set, claims) in parsed)
            {
                var provenance = IntelStore.Append(store, file, set, DateTimeOffset.UtcNow);
                ClaimImport.Append(store, file, claims);
                lines.Add(claims.Count == 0 ? $"imported {provenance} into {store}" : $"imported {provenance} and {claims.Count} claim(s) into {store}");
            }

            foreach (var line in lines)
            {
                stdout.WriteLine(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Restore(store, before);
            throw CliError.Runtime($"cannot write the intel store {store}: {IoReason.Of(e)}; nothing was imported.", e);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Cuts the store back to its length before the import (or removes it when the import created it).</summary>
    private static void Restore(string store, long length)
    {
        try
        {
            if (length < 0)
            {
                File.Delete(store);
                return;
            }

            using var stream = new FileStream(store, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the write error is the one to report.
        }
    }
}
