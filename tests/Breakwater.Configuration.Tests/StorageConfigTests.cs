using Breakwater.Configuration;

namespace Breakwater.Configuration.Tests;

/// <summary>The <c>storage</c> section: where the store is, retention, flush interval; errors name line and key; secrets stay hidden.</summary>
public sealed class StorageConfigTests
{
    [Fact]
    public void Parse_NoStorageSection_UsesSqliteBesideTheConfigFile()
    {
        var config = ConfigLoader.Parse("events: { file: \"-\" }\n", "/etc/breakwater/breakwater.yaml");

        Assert.Equal("/etc/breakwater/breakwater.db", config.Storage!.SqlitePath);
        Assert.False(config.Storage.IsPostgres);
        Assert.Equal(TimeSpan.FromDays(7), config.Storage.RollupRetention);
        Assert.Equal(TimeSpan.FromSeconds(1), config.Storage.FlushInterval);
    }

    [Fact]
    public void Parse_RelativeSqlitePath_IsRelativeToTheConfigFile()
    {
        var config = ConfigLoader.Parse("storage: { sqlite: { path: data/bw.db } }\n", "/etc/breakwater/breakwater.yaml");

        Assert.Equal("/etc/breakwater/data/bw.db", config.Storage!.SqlitePath);
    }

    [Fact]
    public void Parse_AbsoluteSqlitePath_IsKept()
    {
        var config = ConfigLoader.Parse("storage: { sqlite: { path: /var/lib/breakwater/store.db } }\n", "/etc/breakwater/breakwater.yaml");

        Assert.Equal("/var/lib/breakwater/store.db", config.Storage!.SqlitePath);
    }

    [Fact]
    public void Parse_Postgres_KeepsTheConnectionAndRetention()
    {
        var config = ConfigLoader.Parse("""
            storage:
              postgres: { connection: "Host=127.0.0.1;Port=5432;Username=bw;Password=hunter2-secret" }
              retention: { rollups: 30d, timeline: 12h }
              flush_interval: 500ms
            """);

        var storage = config.Storage!;
        Assert.True(storage.IsPostgres);
        Assert.Null(storage.SqlitePath);
        Assert.Equal("Host=127.0.0.1;Port=5432;Username=bw;Password=hunter2-secret", storage.PostgresConnection);
        Assert.Equal(TimeSpan.FromDays(30), storage.RollupRetention);
        Assert.Equal(TimeSpan.FromHours(12), storage.TimelineRetention);
        Assert.Equal(TimeSpan.FromMilliseconds(500), storage.FlushInterval);
    }

    [Fact]
    public void ToString_Postgres_RedactsThePassword()
    {
        var config = ConfigLoader.Parse("storage: { postgres: { connection: \"Host=db;Password=hunter2-secret;Username=bw\" } }\n");

        var shown = config.Storage!.ToString();

        Assert.DoesNotContain("hunter2", shown);
        Assert.Contains("Host=db", shown);
        Assert.Contains("Password=[redacted]", shown);
    }

    [Theory]
    [InlineData("storage: { sqlite: { path: a.db }, postgres: { connection: \"Host=x\" } }", 1, "storage.postgres", "not both")]
    [InlineData("storage:\n  sqlite: { file: a.db }", 2, "unknown key 'file'", "path")]
    [InlineData("storage:\n  postgres: { connection: hunter2 }", 2, "storage.postgres.connection", "Npgsql connection string")]
    [InlineData("storage:\n  postgres: {}", 2, "storage.postgres", "needs a 'connection'")]
    [InlineData("storage:\n  flush_interval: 5s", 2, "storage.flush_interval", "from 100ms to 2s")]
    [InlineData("storage:\n  retention:\n    rollups: forever", 3, "storage.retention.rollups", "e.g. 30s or 7d")]
    [InlineData("storage:\n  retention:\n    incidents: 7d", 3, "unknown key 'incidents'", "rollups, timeline")]
    [InlineData("storage: [sqlite]", 1, "storage", "must be a mapping")]
    public void Parse_BadStorage_NamesLineKeyAndWhatIsAllowed(string yaml, int line, string key, string allowed)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "bw.yaml"));

        Assert.Contains($"bw.yaml line {line}:", error.Message);
        Assert.Contains(key, error.Message);
        Assert.Contains(allowed, error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
