using System.CommandLine;
using Breakwater.Cli;
using Breakwater.IntegrationTests.Support;

namespace Breakwater.IntegrationTests.Cli.Mistakes;

/// <summary>
/// Walks every command with each class of mistake: the documented exit code (2 usage or config, 3 input file), and
/// stderr is one or two lines naming the problem, with no stack trace and no "internal error".
/// </summary>
public sealed class CliMistakeTests
{
    private static readonly MistakeClass[] FileMistakes =
        [MistakeClass.DirectoryAsInput, MistakeClass.SameFileOutput, MistakeClass.UnwritableOutput, MistakeClass.NestedYaml];

    public static TheoryData<string> Commands() => [.. LeafCommands().Select(c => c.Path)];

    public static TheoryData<MistakeCase> TableCases() => [.. MistakeTable.Cases.Where(c => c.Args is not null)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryCommand_UnknownOption_Exits2NamingIt(string path)
    {
        var command = LeafCommands().Single(c => c.Path == path);
        var result = await CliRunner.RunAsync([.. command.Words, .. RequiredArguments(command.Command), "--no-such-option"]);

        AssertOneClearError(result, 2);
        Assert.Contains("--no-such-option", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EveryCommand_BadNumber_Exits2NamingOptionAndValue(string path)
    {
        var command = LeafCommands().Single(c => c.Path == path);
        foreach (var option in command.Command.Options.Where(o => IsNumber(o.ValueType)))
        {
            var result = await CliRunner.RunAsync([.. command.Words, .. RequiredArguments(command.Command, except: option), option.Name, "abc"]);

            AssertOneClearError(result, 2);
            Assert.Contains(option.Name, result.Stderr);
            Assert.Contains("'abc'", result.Stderr);
            Assert.DoesNotContain("System.", result.Stderr);
        }
    }

    [Theory]
    [MemberData(nameof(TableCases))]
    public async Task EveryCommand_FileMistake_ExitsWithItsCodeAndLeavesInputsAlone(MistakeCase mistake)
    {
        using var workspace = new MistakeWorkspace();
        var untouched = mistake.Untouched?.Invoke(workspace);
        var before = untouched is null ? null : await File.ReadAllBytesAsync(untouched, TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(mistake.Args!(workspace));

        AssertOneClearError(result, mistake.ExitCode);
        if (untouched is not null)
        {
            Assert.Equal(before, await File.ReadAllBytesAsync(untouched, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public void EveryCommand_HasARowForEveryFileMistake()
    {
        var missing = LeafCommands()
            .SelectMany(c => FileMistakes.Select(m => (c.Path, Mistake: m)))
            .Where(x => !MistakeTable.Cases.Any(c => c.Command == x.Path && c.Class == x.Mistake))
            .Select(x => $"{x.Path}: {x.Mistake}")
            .ToList();

        Assert.True(missing.Count == 0, "Add rows (or MistakeCase.Na with a reason) to MistakeTable for: " + string.Join("; ", missing));
    }

    [Theory]
    [InlineData(new[] { "analyse", "x.pcap" }, "'analyse'", "analyze")]
    [InlineData(new[] { "analyze", "x.pcap", "--report" }, "--report", "option")]
    [InlineData(new[] { "config", "chek", "x.yaml" }, "'chek'", "check")]
    public async Task Typos_AreNamedWithASuggestion(string[] args, string named, string hint)
    {
        var result = await CliRunner.RunAsync(args);

        AssertOneClearError(result, 2);
        Assert.Contains(named, result.Stderr);
        Assert.Contains(hint, result.Stderr);
        Assert.DoesNotContain("Required command was not provided", result.Stderr);
        Assert.DoesNotContain("does not exist", result.Stderr);
    }

    private static void AssertOneClearError(CliResult result, int exitCode)
    {
        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}, expected {exitCode}; stderr: {result.Stderr}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.InRange(lines.Length, 1, 2);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.DoesNotContain("internal error", result.Stderr);
    }

    private static bool IsNumber(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(double) || t == typeof(int) || t == typeof(long) || t == typeof(uint));

    /// <summary>Placeholder values for the command's required arguments and options, so that only the mistake is wrong.</summary>
    private static IEnumerable<string> RequiredArguments(Command command, Option? except = null)
    {
        foreach (var argument in command.Arguments)
        {
            if (argument.Arity.MinimumNumberOfValues > 0)
            {
                yield return "placeholder";
            }
        }

        foreach (var option in command.Options.Where(o => o.Required && o != except))
        {
            yield return option.Name;
            yield return "placeholder";
        }
    }

    private static IEnumerable<(string Path, string[] Words, Command Command)> LeafCommands()
    {
        var root = CliRoot.Build(TextWriter.Null, TextWriter.Null, out _);
        return Walk(root, []);

        static IEnumerable<(string, string[], Command)> Walk(Command command, string[] words)
        {
            if (command.Action is not null && words.Length > 0)
            {
                yield return (string.Join(' ', words), words, command);
            }

            foreach (var sub in command.Subcommands)
            {
                foreach (var leaf in Walk(sub, [.. words, sub.Name]))
                {
                    yield return leaf;
                }
            }
        }
    }
}
