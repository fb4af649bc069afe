namespace Breakwater.Forensics.Intel;

/// <summary>IP lists and botnet command logs loaded from intel files or the intel store, with where each came from.</summary>
public sealed class IntelSet
{
    public List<IntelEntry> Entries { get; } = [];

    public List<BotnetCommand> Commands { get; } = [];

    /// <summary>"file (kind, N records, imported T, sha256 …)" per source.</summary>
    public List<string> Provenance { get; } = [];

    public bool IsEmpty => Entries.Count == 0 && Commands.Count == 0;

    /// <summary>Loads intel files (IP lists, command logs, or an intel store written by <c>intel import</c>).</summary>
    public static IntelSet Load(IEnumerable<string> paths)
    {
        var set = new IntelSet();
        foreach (var path in paths)
        {
            set.Add(IntelParser.ParseFile(path));
        }

        return set;
    }

    public void Add(IntelSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Entries.AddRange(other.Entries);
        Commands.AddRange(other.Commands);
        Provenance.AddRange(other.Provenance);
    }
}
