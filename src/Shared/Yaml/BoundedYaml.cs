using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Breakwater.Yaml;

/// <summary>
/// Loads one YAML document with bounds, for every YAML file Breakwater reads (configuration and scenarios; this file
/// is compiled into both). YamlDotNet builds its node tree recursively, so a file nested 60,000 levels deep overflows
/// the stack and kills the process; the flat event stream is checked first: size, depth, aliases, one document.
/// </summary>
internal static partial class BoundedYaml
{
    /// <summary>Far beyond any real configuration (about 6 levels) or scenario (about 5).</summary>
    public const int MaxDepth = 64;

    public const int MaxChars = 4 << 20;

    public const int MaxAliases = 10_000;

    /// <summary>The document's root node, or null for an empty file; <paramref name="problem"/> says what is wrong otherwise.</summary>
    public static YamlNode? Load(string text, out YamlProblem? problem)
    {
        problem = Check(text);
        if (problem is not null)
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problem = FromException(text, e.Start, e.Message);
            return null;
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static YamlProblem? Check(string text)
    {
        if (text.Length > MaxChars)
        {
            return new YamlProblem(1, $"the file holds {text.Length:N0} characters; the limit is {MaxChars:N0}. Is this the right file?");
        }

        var parser = new Parser(new StringReader(text));
        int depth = 0, documents = 0, aliases = 0;
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.Start;
                switch (current)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            return new YamlProblem(current.Start.Line, "a second YAML document starts here ('---'); Breakwater reads one document per file, so put everything in one.");
                        }

                        break;
                    case MappingStart or SequenceStart:
                        if (++depth > MaxDepth)
                        {
                            return new YamlProblem(current.Start.Line, $"nesting deeper than {MaxDepth} levels; check for unclosed or repeated brackets.");
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case AnchorAlias:
                        if (++aliases > MaxAliases)
                        {
                            return new YamlProblem(current.Start.Line, $"more than {MaxAliases:N0} aliases (*name); write the values out.");
                        }

                        break;
                    default:
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            return FromException(text, e.Start, e.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser gives up this way at the end of an unclosed flow collection spanning lines.
            return new YamlProblem(last.Line, "not valid YAML: a '{' or '[' opened here is not closed before the file ends.");
        }

        return null;
    }

    private static YamlProblem FromException(string text, Mark start, string message)
    {
        // A tab in an indentation is reported at the start of the enclosing block: name the tab's own line.
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t'))
            {
                return new YamlProblem(i + 1, "not valid YAML: a tab in the indentation; YAML indents with spaces only.");
            }
        }

        return new YamlProblem(Math.Max(1, start.Line), $"not valid YAML: {MarkPrefix().Replace(message, "").TrimEnd('.')}.");
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
