using System.Diagnostics;

namespace Breakwater.TestKit.Captures;

/// <summary>Runs tshark (the reference packet decoder) and returns its per-packet field export.</summary>
public static class Tshark
{
    /// <summary>Separates several occurrences of one field (e.g. outer and inner ip.dst of a GRE packet).</summary>
    public const char Aggregator = '|';

    public static bool IsAvailable => File.Exists("/usr/bin/tshark");

    /// <summary>
    /// <c>tshark -r FILE -T fields -e …</c> with tab-separated columns and <see cref="Aggregator"/> between occurrences.
    /// Reassembly is off so that fragments appear as captured.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Fields(string file, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(file, fields))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark failed on {file}: {stderr.Result}");
        }

        return Parse(output, fields);
    }

    /// <summary>The command line, shared with the golden-file script so both read the capture the same way.</summary>
    public static IEnumerable<string> Arguments(string file, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        yield return "-r";
        yield return file;
        yield return "-o";
        yield return "ip.defragment:FALSE";
        yield return "-o";
        yield return "ipv6.defragment:FALSE";
        yield return "-T";
        yield return "fields";
        yield return "-E";
        yield return "separator=/t";
        yield return "-E";
        yield return "occurrence=a";
        yield return "-E";
        yield return $"aggregator={Aggregator}";
        foreach (var field in fields)
        {
            yield return "-e";
            yield return field;
        }
    }

    /// <summary>Parses tab-separated tshark output (or a stored golden file: first line is the field names).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string output, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fields);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in output.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var columns = line.TrimEnd('\r').Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++)
            {
                row[fields[i]] = i < columns.Length ? columns[i] : string.Empty;
            }

            rows.Add(row);
        }

        return rows;
    }
}
