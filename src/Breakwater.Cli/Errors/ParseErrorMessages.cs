using System.CommandLine;
using System.CommandLine.Parsing;

namespace Breakwater.Cli.Errors;

/// <summary>
/// One sentence for a command line that does not parse: the unknown command or option named (with a suggestion),
/// a bad value named with its option and what it should look like. System.CommandLine's own texts mention .NET types
/// (<c>System.Nullable`1[System.Double]</c>) and, for an unknown option after a file argument, take it as a file.
/// </summary>
internal static class ParseErrorMessages
{
    public static string? Describe(ParseResult parse)
    {
        var result = parse.CommandResult;
        var command = result.Command;
        var path = CommandPath(result);
        foreach (var token in parse.UnmatchedTokens)
        {
            if (LooksLikeOption(token))
            {
                return UnknownOption(token, command, path);
            }

            if (command.Subcommands.Count > 0)
            {
                var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
                var suggestion = Closest(token, names) is { } near ? $" (did you mean '{near}'?)" : "";
                return $"unknown command '{token}'{suggestion}; '{path}' has: {string.Join(", ", names)}. Run '{path} --help' for usage.";
            }

            return $"unexpected argument '{token}' for '{path}'; run '{path} --help' for usage.";
        }

        // A positional argument swallows unknown options ("analyze x.pcap --report"): name them as options.
        var beforeDoubleDash = parse.Tokens.TakeWhile(t => t.Type != TokenType.DoubleDash).Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var argument in result.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                if (LooksLikeOption(token.Value) && beforeDoubleDash.Contains(token.Value))
                {
                    return UnknownOption(token.Value, command, path);
                }
            }
        }

        if (parse.Errors.Count == 0)
        {
            return null;
        }

        if (command.Action is null && command.Subcommands.Count > 0)
        {
            var names = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return $"'{path}' needs a command: {names}. Run '{path} --help' for usage.";
        }

        var error = parse.Errors[0];
        if (error.SymbolResult is OptionResult or ArgumentResult { Parent: OptionResult }
            && (error.SymbolResult as OptionResult ?? (OptionResult)error.SymbolResult.Parent!) is { } optionResult
            && Kind(optionResult.Option.ValueType) is { } kind
            && optionResult.Tokens.Count > 0)
        {
            return $"{optionResult.Option.Name} needs {kind}; got '{optionResult.Tokens[0].Value}'.";
        }

        return $"{error.Message.TrimEnd('.')}. Run '{path} --help' for usage.";
    }

    private static string UnknownOption(string token, Command command, string path)
    {
        var name = token.Split('=', ':')[0];
        var options = command.Options.Concat(Ancestors(command).SelectMany(c => c.Options.Where(o => o.Recursive)))
            .Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToList();
        var suggestion = Closest(name, options) is { } near ? $" (did you mean '{near}'?)" : "";
        return $"unknown option '{name}' for '{path}'{suggestion}; run '{path} --help' for its options.";
    }

    private static IEnumerable<Command> Ancestors(Command command) => command.Parents.OfType<Command>().SelectMany(p => Ancestors(p).Prepend(p));

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Insert(0, c.Parent is null ? "breakwater" : c.Command.Name);
            }
        }

        return string.Join(' ', names);
    }

    private static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string? Kind(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "a number, e.g. 5000 or 2.5",
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) => "a whole number, e.g. 10",
        var t when t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(byte) => "a whole number of 0 or more, e.g. 10",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(TimeSpan) => "a duration such as 00:05:00",
        var t when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "a time such as 2025-03-10T14:00:00Z",
        _ => null,
    };

    /// <summary>The candidate within two edits of <paramref name="word"/>, if any (typos such as "analyse").</summary>
    private static string? Closest(string word, IEnumerable<string> candidates) =>
        candidates.Select(c => (c, d: Distance(word, c))).Where(x => x.d <= 2).OrderBy(x => x.d).Select(x => x.c).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
