using Breakwater.Configuration;
using Breakwater.Detection;
using Breakwater.Forensics;
using Breakwater.Forensics.Geo;
using Breakwater.Forensics.Intel;

namespace Breakwater.Server.Forensics;

/// <summary>
/// Forensics in the daemon: the GeoIP data and intel (the configured <c>intel.files</c>, the intel store, and what
/// <c>POST /api/v1/intel</c> adds) that every incident is enriched with before the event stream, the store and the
/// alerts see it, so stored incidents carry <c>sources</c>, <c>spoofing</c>, <c>botnet</c> and <c>intel</c> as the
/// analysis document does. The intel set is changed only on the decode-and-detect thread, where enrichment runs.
/// </summary>
public sealed class DaemonForensics : IDisposable
{
    /// <summary>File name of the intel store beside the configuration when <c>intel.store</c> is not set.</summary>
    public const string DefaultStoreName = "breakwater-intel.jsonl";

    private readonly Lock _storeGate = new();

    private DaemonForensics(GeoDatabase geo, IntelSet intel, string storePath, string? geoProblem)
    {
        Geo = geo;
        Intel = intel;
        StorePath = storePath;
        GeoProblem = geoProblem;
        Enricher = new ForensicsEnricher(geo, intel);
    }

    public GeoDatabase Geo { get; }

    public IntelSet Intel { get; }

    public ForensicsEnricher Enricher { get; }

    /// <summary>The intel store API imports are appended to (and read back from at start).</summary>
    public string StorePath { get; }

    /// <summary>Why the configured GeoIP data could not be opened (the daemon runs without it), or null.</summary>
    public string? GeoProblem { get; }

    /// <summary>
    /// Opens the GeoIP data (a damaged file is reported in <see cref="GeoProblem"/> and the daemon runs without
    /// countries) and loads the intel files and the store; a bad intel file is a configuration error.
    /// </summary>
    public static DaemonForensics Open(BreakwaterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = config.Forensics;
        var defaults = GeoOptions.Default();
        var options = new GeoOptions
        {
            CountryAsn = settings.CountryAsn ?? defaults.CountryAsn,
            AsnNames = settings.AsnNames.Count > 0 ? settings.AsnNames : defaults.AsnNames,
        };
        GeoDatabase geo;
        string? problem = null;
        try
        {
            geo = GeoDatabase.Open(options);
        }
        catch (GeoDatabaseException e)
        {
            problem = e.Message;
            geo = GeoDatabase.Open(new GeoOptions());
        }

        var folder = config.Path is { } path ? Path.GetDirectoryName(Path.GetFullPath(path)) ?? "." : Directory.GetCurrentDirectory();
        var store = settings.IntelStore ?? Path.Combine(folder, DefaultStoreName);
        var files = settings.IntelFiles.Concat(File.Exists(store) ? [store] : []).Distinct(StringComparer.Ordinal).ToList();
        try
        {
            return new DaemonForensics(geo, IntelSet.Load(files), store, problem);
        }
        catch (IntelFormatException e)
        {
            geo.Dispose();
            throw new ConfigException($"{config.Path}: intel: {e.Message}", e);
        }
    }

    /// <summary>The observer the engines report to: enriches each incident, then passes it on.</summary>
    public IIncidentObserver Wrap(IIncidentObserver inner) => new EnrichingObserver(Enricher, inner);

    /// <summary>
    /// Parses an import (<c>POST /api/v1/intel</c>) and appends it to the store with its provenance; the caller adds the
    /// returned set to <see cref="Intel"/> on the detection thread. Throws <see cref="IntelFormatException"/> for bad content.
    /// </summary>
    public (IntelSet Set, string Provenance) Import(string name, byte[] content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        var set = IntelParser.Parse(System.Text.Encoding.UTF8.GetString(content), name);
        lock (_storeGate)
        {
            var provenance = IntelStore.Append(StorePath, name, content, set, now);
            set.Provenance.Clear();
            set.Provenance.Add(provenance);
            return (set, provenance);
        }
    }

    public void Dispose() => Geo.Dispose();
}
