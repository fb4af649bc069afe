using YamlDotNet.RepresentationModel;

namespace Breakwater.Configuration;

/// <summary>The <c>storage</c> section: <c>sqlite.path</c> or <c>postgres.connection</c>, <c>retention</c>, <c>flush_interval</c>.</summary>
public static partial class ConfigLoader
{
    /// <summary>The SQLite file used when the configuration has no <c>storage</c> section, beside the config file.</summary>
    public const string DefaultDatabaseFile = "breakwater.db";

    private static readonly string[] StorageKeys = ["sqlite", "postgres", "retention", "flush_interval"];
    private static readonly string[] SqliteKeys = ["path"];
    private static readonly string[] PostgresKeys = ["connection"];
    private static readonly string[] RetentionKeys = ["rollups", "timeline"];

    /// <summary>SQLite beside the configuration file (or in the working directory when the config has no file).</summary>
    public static StorageSettings DefaultStorage(string configFileName) =>
        StorageSettings.Sqlite(Path.Combine(ConfigDirectory(configFileName), DefaultDatabaseFile));

    private static StorageSettings ReadStorage(YamlNodeReader reader, YamlNode node)
    {
        var mapping = reader.Mapping(node, "storage");
        var settings = new StorageSettings();
        YamlNode? backendNode = null;
        foreach (var (key, value, keyNode) in reader.Entries(mapping, "storage", StorageKeys))
        {
            switch (key)
            {
                case "sqlite":
                case "postgres":
                    if (backendNode is not null)
                    {
                        throw reader.Error(keyNode, $"storage.{key}",
                            "cannot be used together with the other store: choose storage.sqlite or storage.postgres, not both.");
                    }

                    backendNode = keyNode;
                    settings = key == "sqlite" ? ReadSqlite(reader, value, settings) : ReadPostgres(reader, value, settings);
                    break;
                case "retention":
                    foreach (var (what, duration, _) in reader.Entries(reader.Mapping(value, "storage.retention"), "storage.retention", RetentionKeys))
                    {
                        var kept = ConfigDurations.Read(reader, duration, $"storage.retention.{what}", TimeSpan.FromHours(1), TimeSpan.FromDays(3650));
                        settings = what == "rollups" ? settings with { RollupRetention = kept } : settings with { TimelineRetention = kept };
                    }

                    break;
                default:
                    settings = settings with
                    {
                        FlushInterval = ConfigDurations.Read(reader, value, "storage.flush_interval", TimeSpan.FromMilliseconds(100), StorageSettings.MaxFlushInterval),
                    };
                    break;
            }
        }

        return backendNode is null ? settings with { SqlitePath = DefaultStorage(reader.FileName).SqlitePath } : settings;
    }

    private static StorageSettings ReadSqlite(YamlNodeReader reader, YamlNode node, StorageSettings settings)
    {
        var path = DefaultStorage(reader.FileName).SqlitePath;
        if (node is YamlScalarNode { Value: null or "" })
        {
            return settings with { SqlitePath = path };
        }

        foreach (var (_, value, _) in reader.Entries(reader.Mapping(node, "storage.sqlite"), "storage.sqlite", SqliteKeys))
        {
            var text = reader.String(value, "storage.sqlite.path");
            if (text.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || text.EndsWith('/'))
            {
                throw reader.Error(value, "storage.sqlite.path", $"must be a file name such as breakwater.db or /var/lib/breakwater/breakwater.db, got '{text}'.");
            }

            // Relative to the configuration file, so that the daemon finds the same store whatever its working directory.
            path = Path.GetFullPath(Path.Combine(ConfigDirectory(reader.FileName), text));
        }

        return settings with { SqlitePath = path, PostgresConnection = null };
    }

    private static StorageSettings ReadPostgres(YamlNodeReader reader, YamlNode node, StorageSettings settings)
    {
        string? connection = null;
        foreach (var (_, value, _) in reader.Entries(reader.Mapping(node, "storage.postgres"), "storage.postgres", PostgresKeys))
        {
            // The error never quotes the value: a connection string may hold a password.
            connection = value is YamlScalarNode { Value: { Length: > 0 } text } && text.Contains('=', StringComparison.Ordinal)
                ? text
                : throw reader.Error(value, "storage.postgres.connection",
                    "must be an Npgsql connection string such as \"Host=127.0.0.1;Port=5432;Database=breakwater;Username=breakwater\".");
        }

        return settings with
        {
            PostgresConnection = connection ?? throw reader.Error(node, "storage.postgres", "needs a 'connection' (an Npgsql connection string)."),
            SqlitePath = null,
        };
    }

    private static string ConfigDirectory(string configFileName)
    {
        var full = Path.GetFullPath(configFileName);
        return Path.GetDirectoryName(full) ?? Directory.GetCurrentDirectory();
    }
}
